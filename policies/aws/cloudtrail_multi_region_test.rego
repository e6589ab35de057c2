package tollgate.aws.cloudtrail_multi_region_test

import rego.v1

import data.tollgate.aws.cloudtrail_multi_region as rule

# CloudFormation (and CDK)

cfn_trail(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"AuditTrail": {"Type": "AWS::CloudTrail::Trail", "Properties": props}}}

test_cloudformation_missing if {
	rule.deny == {{
		"resource": "AuditTrail",
		"path": ["Resources", "AuditTrail", "Properties", "IsMultiRegionTrail"],
		"message": "CloudTrail trail logs only its own region (IsMultiRegionTrail is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_trail({"IsLogging": true, "S3BucketName": "audit-logs", "IncludeGlobalServiceEvents": true})
}

test_cloudformation_false if {
	count(rule.deny) == 1 with input as cfn_trail({"IsLogging": true, "IsMultiRegionTrail": false})
	count(rule.deny) == 1 with input as cfn_trail({"IsLogging": true, "IsMultiRegionTrail": "false"})
}

test_cloudformation_multi_region if {
	count(rule.deny) == 0 with input as cfn_trail({"IsMultiRegionTrail": true})
	count(rule.deny) == 0 with input as cfn_trail({"IsMultiRegionTrail": "true", "IncludeGlobalServiceEvents": true})
}

test_cloudformation_unknown if {
	count(rule.deny) == 0 with input as cfn_trail({"IsMultiRegionTrail": {"__unknown__": true, "expr": "Ref MultiRegion", "ref": "MultiRegion"}})
}

test_cloudformation_other_types_ignored if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}
}

# Terraform

tf_trail(values) := {"address": "aws_cloudtrail.org", "mode": "managed", "type": "aws_cloudtrail", "values": values}

test_terraform_default_false_and_null if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_trail({"name": "org", "s3_bucket_name": "trail-logs"}),
		tf_trail({"is_multi_region_trail": false}),
		tf_trail({"is_multi_region_trail": null}),
	]}
	{f.path | some f in got} == {
		["resources", 0, "values", "is_multi_region_trail"],
		["resources", 1, "values", "is_multi_region_trail"],
		["resources", 2, "values", "is_multi_region_trail"],
	}
	some f in got
	f == {
		"resource": "aws_cloudtrail.org",
		"path": ["resources", 0, "values", "is_multi_region_trail"],
		"message": "CloudTrail trail logs only its own region (is_multi_region_trail is not true)",
		"remediation": rule.fix.terraform,
	}
}

test_terraform_multi_region_or_unknown if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_trail({"is_multi_region_trail": true}),
		tf_trail({"is_multi_region_trail": "true"}),
		tf_trail({"is_multi_region_trail": {"__unknown__": true, "expr": "var.multi_region"}}),
	]}
	got == set()
}

test_terraform_data_sources_ignored if {
	d := object.union(tf_trail({}), {"mode": "data"})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [d]}
}
