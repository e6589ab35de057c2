package tollgate.terraform.s3_bucket_public_access_block_test

import rego.v1

import data.tollgate.terraform.s3_bucket_public_access_block as rule

bucket := {"address": "aws_s3_bucket.assets", "mode": "managed", "type": "aws_s3_bucket", "provider": "aws", "values": {"bucket": "acme-assets"}}

all_blocked := {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

ref := {"__unknown__": true, "expr": "aws_s3_bucket.assets.id", "ref": "aws_s3_bucket.assets", "attribute": "id"}

block(target, settings) := {"address": "aws_s3_bucket_public_access_block.assets", "mode": "managed", "type": "aws_s3_bucket_public_access_block", "provider": "aws", "values": object.union({"bucket": target}, settings)}

account(settings) := {"address": "aws_s3_account_public_access_block.this", "mode": "managed", "type": "aws_s3_account_public_access_block", "provider": "aws", "values": settings}

test_bucket_without_block if {
	rule.deny == {{
		"resource": "aws_s3_bucket.assets",
		"path": ["resources", 0],
		"message": "bucket has no aws_s3_bucket_public_access_block: a later ACL or bucket policy can make it public",
	}} with input as {"resources": [bucket]}
}

test_joined_block if {
	count(rule.deny) == 0 with input as {"resources": [bucket, block(ref, all_blocked)]}
	count(rule.deny) == 0 with input as {"resources": [bucket, block("acme-assets", all_blocked)]}

	# a block for another bucket does not cover this one
	count(rule.deny) == 1 with input as {"resources": [bucket, block("acme-other", all_blocked)]}
}

test_instance_reference if {
	b := object.union(bucket, {"address": "aws_s3_bucket.assets[\"eu\"]", "index": "eu"})
	r := object.union(ref, {"ref": "aws_s3_bucket.assets[\"eu\"]"})
	count(rule.deny) == 0 with input as {"resources": [b, block(r, all_blocked)]}
}

test_false_setting if {
	rule.deny == {{
		"resource": "aws_s3_bucket_public_access_block.assets",
		"path": ["resources", 1, "values", "restrict_public_buckets"],
		"message": "restrict_public_buckets is not true",
	}} with input as {"resources": [bucket, block(ref, object.union(all_blocked, {"restrict_public_buckets": false}))]}

	# unset arguments default to false
	count(rule.deny) == 4 with input as {"resources": [bucket, block(ref, {})]}
}

test_account_level_block if {
	count(rule.deny) == 0 with input as {"resources": [bucket, account(all_blocked)]}
	count(rule.deny) == 0 with input as {"resources": [bucket, block(ref, {"block_public_acls": false}), account(all_blocked)]}
	count(rule.deny) == 1 with input as {"resources": [bucket, account(object.union(all_blocked, {"block_public_policy": false}))]}
}

test_unknown if {
	u := {"__unknown__": true, "expr": "var.block"}
	count(rule.deny) == 0 with input as {"resources": [bucket, block(ref, object.union(all_blocked, {"block_public_acls": u}))]}

	# a block whose bucket cannot be resolved may be this bucket's
	count(rule.deny) == 0 with input as {"resources": [bucket, block({"__unknown__": true, "expr": "var.bucket"}, all_blocked)]}
	count(rule.deny) == 0 with input as {"resources": [bucket, account(object.union(all_blocked, {"ignore_public_acls": u}))]}
}
