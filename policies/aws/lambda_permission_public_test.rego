package tollgate.aws.lambda_permission_public_test

import rego.v1

import data.tollgate.aws.lambda_permission_public as rule

permission(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Invoke": {"Type": "AWS::Lambda::Permission", "Properties": object.union(
	{"Action": "lambda:InvokeFunction", "FunctionName": {"__unknown__": true, "expr": "Ref Fn", "ref": "Fn"}},
	props,
)}}}

test_cloudformation_any_account if {
	rule.deny == {{
		"resource": "Invoke",
		"path": ["Resources", "Invoke", "Properties", "Principal"],
		"message": "permission lets any AWS account invoke the function (Principal \"*\" without SourceArn, SourceAccount or PrincipalOrgID)",
		"remediation": rule.fix.cloudformation,
	}} with input as permission({"Principal": "*"})
}

test_cloudformation_public_url if {
	[f] := [f | some f in rule.deny] with input as permission({"Principal": "*", "Action": "lambda:InvokeFunctionUrl", "FunctionUrlAuthType": "NONE"})
	f.message == "permission lets anyone on the internet invoke the function URL (Principal \"*\", FunctionUrlAuthType NONE)"
}

test_cloudformation_narrowed if {
	count(rule.deny) == 0 with input as permission({"Principal": "*", "SourceArn": {"__unknown__": true, "expr": "Fn::GetAtt Bucket.Arn"}})
	count(rule.deny) == 0 with input as permission({"Principal": "*", "SourceAccount": "111122223333"})
	count(rule.deny) == 0 with input as permission({"Principal": "*", "PrincipalOrgID": "o-abc"})
	count(rule.deny) == 0 with input as permission({"Principal": "s3.amazonaws.com"})
	count(rule.deny) == 0 with input as permission({"Principal": {"__unknown__": true, "expr": "Ref Caller"}})
}

test_terraform_permission if {
	inp := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_lambda_permission.url", "mode": "managed", "type": "aws_lambda_permission", "values": {
		"action": "lambda:InvokeFunctionUrl", "function_name": "hook", "principal": "*", "function_url_auth_type": "NONE",
	}}]}
	rule.deny == {{
		"resource": "aws_lambda_permission.url",
		"path": ["resources", 0, "values", "principal"],
		"message": "permission lets anyone on the internet invoke the function URL (Principal \"*\", FunctionUrlAuthType NONE)",
		"remediation": rule.fix.terraform,
	}} with input as inp
}
