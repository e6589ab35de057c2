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
#   formats: [cloudformation]
#   resource_types: ["AWS::Lambda::Function", "AWS::Serverless::Function"]
#   remediation: Set KmsKeyArn to a customer-managed KMS key (for example !GetAtt FunctionKey.Arn).
package tollgate.cloudformation.lambda_environment_encryption_kms

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption

globals := object.get(input, ["Globals", "Function"], {})

deny contains f if {
	some name, r in cfn.resources("AWS::Lambda::Function")
	has_variables(encryption.prop(r, ["Environment", "Variables"], {}))
	not encryption.customer_key(encryption.prop(r, ["KmsKeyArn"], ""))
	f := cfn.finding(name, ["KmsKeyArn"], "function environment variables are encrypted with the AWS-managed key (KmsKeyArn is not set)")
}

deny contains f if {
	some name, r in cfn.resources("AWS::Serverless::Function")
	some vars in [encryption.prop(r, ["Environment", "Variables"], {}), encryption.lookup(globals, ["Environment", "Variables"], {})]
	has_variables(vars)
	not encryption.customer_key(encryption.prop(r, ["KmsKeyArn"], encryption.lookup(globals, ["KmsKeyArn"], "")))
	f := cfn.finding(name, ["KmsKeyArn"], "function environment variables are encrypted with the AWS-managed key (KmsKeyArn is not set)")
}

has_variables(vars) if {
	is_object(vars)
	not core.is_unknown(vars)
	count(vars) > 0
}
