package tollgate.aws.cloudtrail_log_validation_test

import rego.v1

import data.tollgate.aws.cloudtrail_log_validation as rule

# CloudFormation (and CDK)

cfn_trail(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"OrgTrail": {"Type": "AWS::CloudTrail::Trail", "Properties": props}}}

test_cloudformation_missing if {
	rule.deny == {{
		"resource": "OrgTrail",
		"path": ["Resources", "OrgTrail", "Properties", "EnableLogFileValidation"],
		"message": "CloudTrail log file validation is not enabled (EnableLogFileValidation is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_trail({"IsLogging": true, "S3BucketName": "org-trail-logs"})
}

test_cloudformation_false if {
	count(rule.deny) == 1 with input as cfn_trail({"IsLogging": true, "EnableLogFileValidation": false})
	count(rule.deny) == 1 with input as cfn_trail({"IsLogging": true, "EnableLogFileValidation": "false"})
}

test_cloudformation_enabled if {
	count(rule.deny) == 0 with input as cfn_trail({"IsLogging": true, "EnableLogFileValidation": true})
	count(rule.deny) == 0 with input as cfn_trail({"IsLogging": true, "EnableLogFileValidation": "true"})
}

test_cloudformation_unknown if {
	count(rule.deny) == 0 with input as cfn_trail({"IsLogging": true, "EnableLogFileValidation": {"__unknown__": true, "expr": "Ref Validate"}})
}

# Terraform

tf_trail(values) := {"address": "aws_cloudtrail.main", "mode": "managed", "type": "aws_cloudtrail", "values": values}

test_terraform_default_and_false if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [tf_trail({"name": "org", "s3_bucket_name": "trail-logs"}), tf_trail({"enable_log_file_validation": false})]}
	{f.path | some f in got} == {
		["resources", 0, "values", "enable_log_file_validation"],
		["resources", 1, "values", "enable_log_file_validation"],
	}
	some f in got
	f == {
		"resource": "aws_cloudtrail.main",
		"path": ["resources", 0, "values", "enable_log_file_validation"],
		"message": "CloudTrail log file validation is not enabled (enable_log_file_validation is not true)",
		"remediation": rule.fix.terraform,
	}
}

test_terraform_enabled_or_unknown if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_trail({"enable_log_file_validation": true}),
		tf_trail({"enable_log_file_validation": "true"}),
		tf_trail({"enable_log_file_validation": {"__unknown__": true, "expr": "var.validate"}}),
	]}
	got == set()
}
