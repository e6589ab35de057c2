package tollgate.aws.cloudwatch_log_group_retention_test

import rego.v1

import data.tollgate.aws.cloudwatch_log_group_retention as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

group(props) := {"Type": "AWS::Logs::LogGroup", "Properties": props}

test_cloudformation_short if {
	rule.deny == {{
		"resource": "AppLogs",
		"path": ["Resources", "AppLogs", "Properties", "RetentionInDays"],
		"message": "log events are deleted after 30 days, under the required 365 (RetentionInDays)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn({"AppLogs": group({"RetentionInDays": 30})})
}

test_cloudformation_values if {
	got := rule.deny with input as cfn({
		"Week": group({"RetentionInDays": "7"}),
		"Year": group({"RetentionInDays": 365}),
		"Forever": group({"LogGroupName": "/app"}),
		"Param": group({"RetentionInDays": {"__unknown__": true, "expr": "Ref Days", "ref": "Days"}}),
	})
	{f.resource | some f in got} == {"Week"}
}

test_configured_minimum if {
	got := rule.deny with input as cfn({"Month": group({"RetentionInDays": 30}), "Quarter": group({"RetentionInDays": 90})})
		with data.tollgate.config.log_retention_days as 90
	{f.resource | some f in got} == {"Month"}
}

tf_group(values) := {"address": "aws_cloudwatch_log_group.app", "mode": "managed", "type": "aws_cloudwatch_log_group", "values": values}

test_terraform if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_group({"retention_in_days": 14}),
		tf_group({"retention_in_days": 0}),
		tf_group({"name": "/app"}),
		tf_group({"retention_in_days": 731}),
		tf_group({"retention_in_days": {"__unknown__": true, "expr": "var.days"}}),
	]}
	got == {{
		"resource": "aws_cloudwatch_log_group.app",
		"path": ["resources", 0, "values", "retention_in_days"],
		"message": "log events are deleted after 14 days, under the required 365 (retention_in_days)",
		"remediation": rule.fix.terraform,
	}}
}
