package tollgate.lib.aws.s3_test

import rego.v1

import data.tollgate.lib.aws.s3
import data.tollgate.lib.view

bucket_ref := {"__unknown__": true, "expr": "aws_s3_bucket.b.id", "ref": "aws_s3_bucket.b", "attribute": "id"}

tf(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

bucket := {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "logs"}}

block(values) := {"address": "aws_s3_bucket_public_access_block.b", "mode": "managed", "type": "aws_s3_bucket_public_access_block", "values": values}

account(values) := {"address": "aws_s3_account_public_access_block.a", "mode": "managed", "type": "aws_s3_account_public_access_block", "values": values}

all_true := {s: true | some s in s3.settings}

test_cloudformation_block_on_the_bucket if {
	doc := {"tollgate": {"format": "cloudformation"}, "Resources": {
		"A": {"Type": "AWS::S3::Bucket", "Properties": {"PublicAccessBlockConfiguration": {"BlockPublicAcls": true}}},
		"B": {"Type": "AWS::S3::Bucket", "Properties": {}},
	}}
	bs := s3.buckets with input as doc
	view.has(bs.A, "public_access_block")
	not view.has(bs.B, "public_access_block")
	ps := s3.public_access_blocks with input as doc
	object.keys(ps) == {"A"}
	ps.A.fields.block_public_acls == {"value": true, "path": ["Resources", "A", "Properties", "PublicAccessBlockConfiguration", "BlockPublicAcls"], "name": "PublicAccessBlockConfiguration.BlockPublicAcls"}
}

test_terraform_block_joined_by_bucket if {
	b := s3.buckets[0] with input as tf([bucket, block({"bucket": bucket_ref})])
	b.fields.public_access_block == {"value": true, "path": ["resources", 0], "name": "aws_s3_bucket_public_access_block"}
	c := s3.buckets[0] with input as tf([bucket])
	not view.has(c, "public_access_block")
	ps := s3.public_access_blocks with input as tf([bucket, block({"bucket": "logs", "block_public_acls": false})])
	view.value(ps[1], "block_public_acls") == false
}

test_terraform_account_block_applies_to_every_bucket if {
	doc := tf([account(all_true), bucket, block({"bucket": "logs"})])
	view.has(s3.buckets[1], "public_access_block") with input as doc
	count(s3.public_access_blocks) == 0 with input as doc
	count(s3.public_access_blocks) == 1 with input as tf([account({"block_public_acls": false}), bucket, block({"bucket": "logs"})])
}
