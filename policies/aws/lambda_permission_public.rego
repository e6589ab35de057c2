# METADATA
# title: Lambda permissions do not let everyone invoke a function
# description: >-
#   A Lambda permission for Principal "*" lets any AWS account, and for a
#   function URL with FunctionUrlAuthType NONE anyone on the internet,
#   invoke the function. Reported on AWS::Lambda::Permission and
#   aws_lambda_permission when the principal is "*" and neither SourceArn,
#   SourceAccount nor PrincipalOrgID (source_arn, source_account,
#   principal_org_id) narrows the callers. Permissions for a service
#   principal (s3.amazonaws.com, apigateway.amazonaws.com ...) or an
#   account are not reported, nor a principal, source or URL auth type
#   unknown until deployment. A public function URL that is meant to be
#   public (a webhook) is a waiver with its reason.
# custom:
#   id: aws-lambda-permission-public
#   severity: high
#   theme: public-access
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Lambda::Permission", "aws_lambda_permission"]
#   remediation: >-
#     Name the service principal or account that invokes the function and
#     add SourceArn (and SourceAccount) for a service; for a function URL,
#     use AuthType AWS_IAM or put the function behind API Gateway or
#     CloudFront with authentication.
package tollgate.aws.lambda_permission_public

import rego.v1

import data.tollgate.lib.view

fix := {
	"cloudformation": "Name the service principal or account that invokes the function and add SourceArn (and SourceAccount) for a service; for a function URL, use AuthType AWS_IAM or put the function behind API Gateway or CloudFront with authentication.",
	"terraform": "Name the service principal or account in principal and add source_arn (and source_account) for a service; for a function URL, use authorization_type = \"AWS_IAM\" or put the function behind API Gateway or CloudFront with authentication.",
}

permissions := view.resources({
	"cloudformation": {"type": "AWS::Lambda::Permission", "fields": {
		"principal": ["Principal"],
		"source_arn": ["SourceArn"],
		"source_account": ["SourceAccount"],
		"org": ["PrincipalOrgID"],
		"url_auth": ["FunctionUrlAuthType"],
	}},
	"terraform": {"type": "aws_lambda_permission", "fields": {
		"principal": ["principal"],
		"source_arn": ["source_arn"],
		"source_account": ["source_account"],
		"org": ["principal_org_id"],
		"url_auth": ["function_url_auth_type"],
	}},
})

deny contains f if {
	some p in permissions
	view.value(p, "principal") == "*"
	not view.has(p, "source_arn")
	not view.has(p, "source_account")
	not view.has(p, "org")
	f := view.finding(p, "principal", message(view.value(p, "url_auth")), fix)
}

message(auth) := "permission lets anyone on the internet invoke the function URL (Principal \"*\", FunctionUrlAuthType NONE)" if auth == "NONE"

else := "permission lets any AWS account invoke the function (Principal \"*\" without SourceArn, SourceAccount or PrincipalOrgID)"
