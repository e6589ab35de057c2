# METADATA
# title: Lambda functions verify code signatures
# description: >-
#   Without a code signing configuration Lambda deploys any zip package it is
#   given, so a tampered artifact in the deployment bucket or pipeline runs
#   unnoticed. Container image functions (PackageType Image) are not
#   reported: they are verified by image digest and signing instead.
#   Functions that the CDK framework generates for itself (custom resource
#   providers, log retention, bucket deployment and notification handlers)
#   are not reported either: their code is not the user's. SAM functions
#   inherit Globals.Function.CodeSigningConfigArn.
# custom:
#   id: aws-lambda-code-signing
#   severity: low
#   theme: integrity
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Lambda::Function", "AWS::Serverless::Function", "aws_lambda_function"]
#   remediation: >-
#     Create an AWS::Lambda::CodeSigningConfig with AllowedPublishers from an
#     AWS Signer signing profile and UntrustedArtifactOnDeployment: Enforce,
#     and set CodeSigningConfigArn on the function to its ARN.
package tollgate.aws.lambda_code_signing

import rego.v1

import data.tollgate.lib.aws.lambda
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Create an AWS::Lambda::CodeSigningConfig with AllowedPublishers from an AWS Signer signing profile and UntrustedArtifactOnDeployment: Enforce, and set CodeSigningConfigArn on the function to its ARN.",
	"terraform": "Create an aws_lambda_code_signing_config with allowed_publishers (signing_profile_version_arns of an aws_signer_signing_profile) and policies { untrusted_artifact_on_deployment = \"Enforce\" }, and set code_signing_config_arn on the function to its arn.",
}

# Container images are signed and verified elsewhere (ECR, Signer for
# images); CDK's own singleton functions are not the user's code.
deny contains f if {
	some fn in lambda.functions
	not lambda.image_package(fn)
	not lambda.cdk_framework(fn)
	not configured(view.value(fn, "code_signing"))
	f := view.finding(fn, "code_signing", sprintf("Lambda function does not enforce code signing (%s is not set)", [view.spelled(fn, "code_signing")]), fix)
}

configured(x) if core.is_unknown(x)

configured(x) if {
	not core.is_unknown(x)
	not x in {null, ""}
}
