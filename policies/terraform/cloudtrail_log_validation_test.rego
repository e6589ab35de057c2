package tollgate.terraform.cloudtrail_log_validation_test

import rego.v1

import data.tollgate.terraform.cloudtrail_log_validation as rule

trail(values) := {"address": "aws_cloudtrail.main", "mode": "managed", "type": "aws_cloudtrail", "values": values}

test_default_and_false if {
	got := rule.deny with input as {"resources": [trail({"name": "org", "s3_bucket_name": "trail-logs"}), trail({"enable_log_file_validation": false})]}
	{f.path | some f in got} == {
		["resources", 0, "values", "enable_log_file_validation"],
		["resources", 1, "values", "enable_log_file_validation"],
	}
	some f in got
	f == {
		"resource": "aws_cloudtrail.main",
		"path": ["resources", 0, "values", "enable_log_file_validation"],
		"message": "CloudTrail log file validation is not enabled (enable_log_file_validation is not true)",
	}
}

test_enabled_or_unknown if {
	got := rule.deny with input as {"resources": [
		trail({"enable_log_file_validation": true}),
		trail({"enable_log_file_validation": "true"}),
		trail({"enable_log_file_validation": {"__unknown__": true, "expr": "var.validate"}}),
	]}
	got == set()
}
