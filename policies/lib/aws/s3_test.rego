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
	view.field_of(ps.A, "block_public_acls") == {"value": true, "path": ["Resources", "A", "Properties", "PublicAccessBlockConfiguration", "BlockPublicAcls"], "name": "PublicAccessBlockConfiguration.BlockPublicAcls"}
}

test_terraform_block_joined_by_bucket if {
	b := s3.buckets[0] with input as tf([bucket, block({"bucket": bucket_ref})])
	view.field_of(b, "public_access_block") == {"value": true, "path": ["resources", 0], "name": "aws_s3_bucket_public_access_block"}
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

policy_ref := {"__unknown__": true, "expr": "Ref Bucket", "ref": "Bucket"}

test_cloudformation_bucket_policy_joins_by_reference_or_name if {
	doc := {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"Named": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "named"}},
		"Other": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"P1": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": policy_ref, "PolicyDocument": {}}},
		"P2": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "named", "PolicyDocument": {}}},
	}}
	{b.resource | some b in s3.buckets; s3.has_bucket_policy(b)} == {"Bucket", "Named"} with input as doc
}

test_tls_deny_by_format if {
	deny := {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
	not s3.lacks_tls_deny(s3.bucket_policies.P) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"P": {"Type": "AWS::S3::BucketPolicy", "Properties": {"PolicyDocument": {"Statement": [deny]}}}}}
	s3.lacks_tls_deny(s3.bucket_policies.P) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"P": {"Type": "AWS::S3::BucketPolicy", "Properties": {"PolicyDocument": {"Statement": []}}}}}
	not s3.lacks_tls_deny(s3.bucket_policies[0]) with input as tf([{"address": "aws_s3_bucket_policy.p", "mode": "managed", "type": "aws_s3_bucket_policy", "values": {"policy": json.marshal({"Statement": [deny]})}}])
	s3.lacks_tls_deny(s3.bucket_policies[0]) with input as tf([{"address": "aws_s3_bucket_policy.p", "mode": "managed", "type": "aws_s3_bucket_policy", "values": {"policy": json.marshal({"Statement": []})}}])
}

test_directory_bucket_policies_are_left_out if {
	count(s3.bucket_policies) == 0 with input as tf([{"address": "aws_s3_bucket_policy.p", "mode": "managed", "type": "aws_s3_bucket_policy", "values": {"bucket": "data--use1-az4--x-s3", "policy": "{}"}}])
}
