package tollgate.aws.s3_bucket_public_access_block_test

import rego.v1

import data.tollgate.aws.s3_bucket_public_access_block as rule

# CloudFormation (and CDK)

cfn_bucket(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Assets": {"Type": "AWS::S3::Bucket", "Properties": props}}}

cfn_all_blocked := {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}

test_cloudformation_missing_configuration if {
	rule.deny == {{
		"resource": "Assets",
		"path": ["Resources", "Assets", "Properties", "PublicAccessBlockConfiguration"],
		"message": "bucket has no PublicAccessBlockConfiguration: a later ACL or bucket policy can make it public",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_bucket({"BucketName": "acme-assets"})
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Assets": {"Type": "AWS::S3::Bucket"}}}
}

test_cloudformation_all_blocked if {
	count(rule.deny) == 0 with input as cfn_bucket({"PublicAccessBlockConfiguration": cfn_all_blocked})
	count(rule.deny) == 0 with input as cfn_bucket({"PublicAccessBlockConfiguration": {"BlockPublicAcls": "true", "BlockPublicPolicy": "true", "IgnorePublicAcls": "true", "RestrictPublicBuckets": "true"}})
}

test_cloudformation_false_value if {
	rule.deny == {{
		"resource": "Assets",
		"path": ["Resources", "Assets", "Properties", "PublicAccessBlockConfiguration", "BlockPublicPolicy"],
		"message": "PublicAccessBlockConfiguration.BlockPublicPolicy is not true",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_bucket({"PublicAccessBlockConfiguration": object.union(cfn_all_blocked, {"BlockPublicPolicy": false})})
	count(rule.deny) == 4 with input as cfn_bucket({"PublicAccessBlockConfiguration": {"BlockPublicAcls": "false", "BlockPublicPolicy": false, "IgnorePublicAcls": false, "RestrictPublicBuckets": false}})
}

test_cloudformation_setting_left_out_is_false if {
	rule.deny == {{
		"resource": "Assets",
		"path": ["Resources", "Assets", "Properties", "PublicAccessBlockConfiguration", "RestrictPublicBuckets"],
		"message": "PublicAccessBlockConfiguration.RestrictPublicBuckets is not true",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_bucket({"PublicAccessBlockConfiguration": object.remove(cfn_all_blocked, ["RestrictPublicBuckets"])})
	count(rule.deny) == 4 with input as cfn_bucket({"PublicAccessBlockConfiguration": {}})
}

test_cloudformation_unknown if {
	u := {"__unknown__": true, "expr": "Fn::If IsPublic"}
	count(rule.deny) == 0 with input as cfn_bucket({"PublicAccessBlockConfiguration": u})
	count(rule.deny) == 0 with input as cfn_bucket({"PublicAccessBlockConfiguration": object.union(cfn_all_blocked, {"BlockPublicPolicy": u})})
}

# Terraform

tf_bucket := {"address": "aws_s3_bucket.assets", "mode": "managed", "type": "aws_s3_bucket", "provider": "aws", "values": {"bucket": "acme-assets"}}

tf_all_blocked := {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

ref := {"__unknown__": true, "expr": "aws_s3_bucket.assets.id", "ref": "aws_s3_bucket.assets", "attribute": "id"}

block(target, settings) := {"address": "aws_s3_bucket_public_access_block.assets", "mode": "managed", "type": "aws_s3_bucket_public_access_block", "provider": "aws", "values": object.union({"bucket": target}, settings)}

account(settings) := {"address": "aws_s3_account_public_access_block.this", "mode": "managed", "type": "aws_s3_account_public_access_block", "provider": "aws", "values": settings}

test_terraform_bucket_without_block if {
	rule.deny == {{
		"resource": "aws_s3_bucket.assets",
		"path": ["resources", 0],
		"message": "bucket has no aws_s3_bucket_public_access_block: a later ACL or bucket policy can make it public",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket]}
}

test_terraform_joined_block if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, block(ref, tf_all_blocked)]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, block("acme-assets", tf_all_blocked)]}

	# a block for another tf_bucket does not cover this one
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, block("acme-other", tf_all_blocked)]}
}

test_terraform_instance_reference if {
	b := object.union(tf_bucket, {"address": "aws_s3_bucket.assets[\"eu\"]", "index": "eu"})
	r := object.union(ref, {"ref": "aws_s3_bucket.assets[\"eu\"]"})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [b, block(r, tf_all_blocked)]}
}

test_terraform_false_setting if {
	rule.deny == {{
		"resource": "aws_s3_bucket_public_access_block.assets",
		"path": ["resources", 1, "values", "restrict_public_buckets"],
		"message": "restrict_public_buckets is not true",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, block(ref, object.union(tf_all_blocked, {"restrict_public_buckets": false}))]}

	# unset arguments default to false
	count(rule.deny) == 4 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, block(ref, {})]}
}

test_terraform_account_level_block if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, account(tf_all_blocked)]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, block(ref, {"block_public_acls": false}), account(tf_all_blocked)]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, account(object.union(tf_all_blocked, {"block_public_policy": false}))]}
}

test_terraform_unknown if {
	u := {"__unknown__": true, "expr": "var.block"}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, block(ref, object.union(tf_all_blocked, {"block_public_acls": u}))]}

	# a block whose tf_bucket cannot be resolved may be this tf_bucket's
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, block({"__unknown__": true, "expr": "var.bucket"}, tf_all_blocked)]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket, account(object.union(tf_all_blocked, {"ignore_public_acls": u}))]}
}
