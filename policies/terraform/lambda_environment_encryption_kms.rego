# METADATA
# title: Lambda environment variables are encrypted with a customer-managed key
# description: >-
#   Lambda encrypts environment variables with the AWS-managed aws/lambda key
#   unless an aws_lambda_function sets kms_key_arn to a customer-managed key;
#   with the AWS-managed key any principal allowed
#   lambda:GetFunctionConfiguration reads them in clear text. Functions
#   without environment variables are not reported.
# custom:
#   id: aws-lambda-environment-encryption-kms
#   severity: low
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_lambda_function"]
#   remediation: Set kms_key_arn to a customer-managed KMS key (for example aws_kms_key.function.arn).
package tollgate.terraform.lambda_environment_encryption_kms

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption

deny contains f if {
	some i, r in tf.resources("aws_lambda_function")
	has_variables(encryption.lookup(r.values, ["environment", 0, "variables"], {}))
	not tf_encryption.customer_key(tf.value(r, ["kms_key_arn"], null))
	f := tf.finding(i, ["kms_key_arn"], "function environment variables are encrypted with the AWS-managed key (kms_key_arn is not set)")
}

has_variables(vars) if {
	is_object(vars)
	not core.is_unknown(vars)
	count(vars) > 0
}
