package tollgate.cloudformation.cloudtrail_log_validation_test

import rego.v1

import data.tollgate.cloudformation.cloudtrail_log_validation as rule

trail(props) := {"Resources": {"OrgTrail": {"Type": "AWS::CloudTrail::Trail", "Properties": props}}}

test_missing if {
	rule.deny == {{
		"resource": "OrgTrail",
		"path": ["Resources", "OrgTrail", "Properties", "EnableLogFileValidation"],
		"message": "CloudTrail log file validation is not enabled (EnableLogFileValidation is not true)",
	}} with input as trail({"IsLogging": true, "S3BucketName": "org-trail-logs"})
}

test_false if {
	count(rule.deny) == 1 with input as trail({"IsLogging": true, "EnableLogFileValidation": false})
	count(rule.deny) == 1 with input as trail({"IsLogging": true, "EnableLogFileValidation": "false"})
}

test_enabled if {
	count(rule.deny) == 0 with input as trail({"IsLogging": true, "EnableLogFileValidation": true})
	count(rule.deny) == 0 with input as trail({"IsLogging": true, "EnableLogFileValidation": "true"})
}

test_unknown if {
	count(rule.deny) == 0 with input as trail({"IsLogging": true, "EnableLogFileValidation": {"__unknown__": true, "expr": "Ref Validate"}})
}
