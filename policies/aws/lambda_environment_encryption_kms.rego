# METADATA
# title: Lambda environment variables are encrypted with a customer-managed key
# description: >-
#   Lambda encrypts environment variables with the AWS-managed aws/lambda key
#   unless KmsKeyArn names a customer-managed key; with the AWS-managed key any
#   principal allowed lambda:GetFunctionConfiguration reads them in clear text.
#   Functions without environment variables are not reported. For SAM
#   functions, Globals.Function.Environment and Globals.Function.KmsKeyArn are
#   taken into account.
# custom:
#   id: aws-lambda-environment-encryption-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Lambda::Function", "AWS::Serverless::Function", "aws_lambda_function"]
#   remediation: Set KmsKeyArn to a customer-managed KMS key (for example !GetAtt FunctionKey.Arn).
package tollgate.aws.lambda_environment_encryption_kms

import rego.v1

import data.tollgate.lib.aws.kms
import data.tollgate.lib.aws.lambda
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set KmsKeyArn to a customer-managed KMS key (for example !GetAtt FunctionKey.Arn).",
	"terraform": "Set kms_key_arn to a customer-managed KMS key (for example aws_kms_key.function.arn).",
}

deny contains f if {
	some fn in lambda.functions
	lambda.has_variables(fn)
	not kms.customer_key(fn, view.value(fn, "kms_key"))
	f := view.finding(fn, "kms_key", sprintf("function environment variables are encrypted with the AWS-managed key (%s is not set)", [view.spelled(fn, "kms_key")]), fix)
}
