package tollgate.cloudformation.s3_bucket_public_access_block_test

import rego.v1

import data.tollgate.cloudformation.s3_bucket_public_access_block as rule

bucket(props) := {"Resources": {"Assets": {"Type": "AWS::S3::Bucket", "Properties": props}}}

all_blocked := {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}

test_missing_configuration if {
	rule.deny == {{
		"resource": "Assets",
		"path": ["Resources", "Assets", "Properties", "PublicAccessBlockConfiguration"],
		"message": "bucket has no PublicAccessBlockConfiguration: a later ACL or bucket policy can make it public",
	}} with input as bucket({"BucketName": "acme-assets"})
	count(rule.deny) == 1 with input as {"Resources": {"Assets": {"Type": "AWS::S3::Bucket"}}}
}

test_all_blocked if {
	count(rule.deny) == 0 with input as bucket({"PublicAccessBlockConfiguration": all_blocked})
	count(rule.deny) == 0 with input as bucket({"PublicAccessBlockConfiguration": {"BlockPublicAcls": "true", "BlockPublicPolicy": "true", "IgnorePublicAcls": "true", "RestrictPublicBuckets": "true"}})
}

test_false_value if {
	rule.deny == {{
		"resource": "Assets",
		"path": ["Resources", "Assets", "Properties", "PublicAccessBlockConfiguration", "BlockPublicPolicy"],
		"message": "PublicAccessBlockConfiguration.BlockPublicPolicy is not true",
	}} with input as bucket({"PublicAccessBlockConfiguration": object.union(all_blocked, {"BlockPublicPolicy": false})})
	count(rule.deny) == 4 with input as bucket({"PublicAccessBlockConfiguration": {"BlockPublicAcls": "false", "BlockPublicPolicy": false, "IgnorePublicAcls": false, "RestrictPublicBuckets": false}})
}

test_setting_left_out_is_false if {
	rule.deny == {{
		"resource": "Assets",
		"path": ["Resources", "Assets", "Properties", "PublicAccessBlockConfiguration", "RestrictPublicBuckets"],
		"message": "PublicAccessBlockConfiguration.RestrictPublicBuckets is not true",
	}} with input as bucket({"PublicAccessBlockConfiguration": object.remove(all_blocked, ["RestrictPublicBuckets"])})
	count(rule.deny) == 4 with input as bucket({"PublicAccessBlockConfiguration": {}})
}

test_unknown if {
	u := {"__unknown__": true, "expr": "Fn::If IsPublic"}
	count(rule.deny) == 0 with input as bucket({"PublicAccessBlockConfiguration": u})
	count(rule.deny) == 0 with input as bucket({"PublicAccessBlockConfiguration": object.union(all_blocked, {"BlockPublicPolicy": u})})
}
