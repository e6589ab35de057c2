package tollgate.aws.api_gateway_access_logs_test

import rego.v1

import data.tollgate.aws.api_gateway_access_logs as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

group_arn := {"__unknown__": true, "expr": "GetAtt AccessLogs.Arn", "ref": "AccessLogs", "attribute": "Arn"}

test_cloudformation_rest_stage if {
	rule.deny == {{
		"resource": "Prod",
		"path": ["Resources", "Prod", "Properties", "AccessLogSetting", "DestinationArn"],
		"message": "API stage writes no access logs (AccessLogSetting.DestinationArn is not set)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn({"Prod": {"Type": "AWS::ApiGateway::Stage", "Properties": {"StageName": "prod"}}})
}

test_cloudformation_kinds if {
	got := rule.deny with input as cfn({
		"Rest": {"Type": "AWS::ApiGateway::Stage", "Properties": {"AccessLogSetting": {"DestinationArn": group_arn, "Format": "$context.requestId"}}},
		"Http": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {"StageName": "$default"}},
		"HttpLogged": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {"AccessLogSettings": {"DestinationArn": group_arn}}},
		"Deploy": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"StageName": "v1"}},
		"DeployOnly": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": "abc"}},
		"DeployLogged": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"StageName": "v2", "StageDescription": {"AccessLogSetting": {"DestinationArn": group_arn}}}},
		"Cond": {"Type": "AWS::ApiGateway::Stage", "Properties": {"AccessLogSetting": {"__unknown__": true, "expr": "If Prod"}}},
	})
	{[f.resource, f.path] | some f in got} == {
		["Http", ["Resources", "Http", "Properties", "AccessLogSettings", "DestinationArn"]],
		["Deploy", ["Resources", "Deploy", "Properties", "StageDescription", "AccessLogSetting", "DestinationArn"]],
	}
}

test_terraform if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_api_gateway_stage.prod", "mode": "managed", "type": "aws_api_gateway_stage", "values": {"stage_name": "prod"}},
		{"address": "aws_apigatewayv2_stage.default", "mode": "managed", "type": "aws_apigatewayv2_stage", "values": {"access_log_settings": [{"destination_arn": {"__unknown__": true, "expr": "aws_cloudwatch_log_group.api.arn"}, "format": "$context.requestId"}]}},
	]}
	got == {{
		"resource": "aws_api_gateway_stage.prod",
		"path": ["resources", 0, "values", "access_log_settings", 0, "destination_arn"],
		"message": "API stage writes no access logs (access_log_settings.destination_arn is not set)",
		"remediation": rule.fix.terraform,
	}}
}
