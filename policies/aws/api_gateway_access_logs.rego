# METADATA
# title: API Gateway stages write access logs
# description: >-
#   Access logs record each request an API received, its caller and its
#   outcome: without them an incident cannot be traced to a client. A
#   stage logs access only with a destination (a CloudWatch Logs group or
#   a Firehose stream): AccessLogSetting on REST API stages, and on the
#   stage a REST API deployment creates with StageName;
#   AccessLogSettings on HTTP and WebSocket API stages.
# custom:
#   id: aws-api-gateway-access-logs
#   severity: medium
#   theme: logging
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment", "AWS::ApiGatewayV2::Stage", "aws_api_gateway_stage", "aws_apigatewayv2_stage"]
#   remediation: Set AccessLogSetting.DestinationArn (AccessLogSettings for HTTP and WebSocket APIs) to a CloudWatch Logs group, with a Format.
package tollgate.aws.api_gateway_access_logs

import rego.v1

import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set AccessLogSetting (AccessLogSettings for AWS::ApiGatewayV2::Stage) with DestinationArn, a CloudWatch Logs group ARN, and a Format.",
	"terraform": "Add an access_log_settings block with destination_arn, a CloudWatch Logs group ARN, and a format.",
}

stages := object.union(
	view.resources({
		"cloudformation": {"type": "AWS::ApiGateway::Stage", "fields": {"destination": ["AccessLogSetting", "DestinationArn"]}},
		"terraform": {"type": ["aws_api_gateway_stage", "aws_apigatewayv2_stage"], "fields": {"destination": ["access_log_settings", 0, "destination_arn"]}},
	}),
	object.union(
		view.resources({"cloudformation": {"type": "AWS::ApiGatewayV2::Stage", "fields": {"destination": ["AccessLogSettings", "DestinationArn"]}}}),
		_deployment_stages,
	),
)

# A REST API deployment with StageName creates that stage, configured by
# its StageDescription.
_deployment_stages := {k: d |
	some k, d in view.resources({"cloudformation": {"type": "AWS::ApiGateway::Deployment", "fields": {
		"stage": ["StageName"],
		"destination": ["StageDescription", "AccessLogSetting", "DestinationArn"],
	}}})
	view.has(d, "stage")
}

deny contains f if {
	some s in stages
	not view.has(s, "destination")
	f := view.finding(s, "destination", sprintf("API stage writes no access logs (%s is not set)", [view.spelled(s, "destination")]), fix)
}
