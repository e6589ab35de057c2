package tollgate.aws.cloudtrail_logging_test

import rego.v1

import data.tollgate.aws.cloudtrail_logging as rule

cfn_trail(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"AuditTrail": {"Type": "AWS::CloudTrail::Trail", "Properties": props}}}

test_cloudformation_off if {
	rule.deny == {{
		"resource": "AuditTrail",
		"path": ["Resources", "AuditTrail", "Properties", "IsLogging"],
		"message": "CloudTrail trail does not log API calls (IsLogging is false)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_trail({"IsLogging": false, "S3BucketName": "audit"})
	count(rule.deny) == 1 with input as cfn_trail({"IsLogging": "false"})
}

test_cloudformation_on_missing_or_unknown if {
	count(rule.deny) == 0 with input as cfn_trail({"IsLogging": true})
	count(rule.deny) == 0 with input as cfn_trail({"IsLogging": "true"})
	# IsLogging is required: a template without it does not deploy, and
	# is not for this rule to judge.
	count(rule.deny) == 0 with input as cfn_trail({"S3BucketName": "audit"})
	count(rule.deny) == 0 with input as cfn_trail({"IsLogging": {"__unknown__": true, "expr": "Ref Logging", "ref": "Logging"}})
}

tf_trail(values) := {"address": "aws_cloudtrail.main", "mode": "managed", "type": "aws_cloudtrail", "values": values}

test_terraform_off if {
	rule.deny == {{
		"resource": "aws_cloudtrail.main",
		"path": ["resources", 0, "values", "enable_logging"],
		"message": "CloudTrail trail does not log API calls (enable_logging is false)",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_trail({"enable_logging": false})]}
}

test_terraform_default_true_or_unknown if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_trail({"name": "org"}),
		tf_trail({"enable_logging": true}),
		tf_trail({"enable_logging": {"__unknown__": true, "expr": "var.logging"}}),
	]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform-plan"}, "resources": [tf_trail({"enable_logging": null})]}
}
