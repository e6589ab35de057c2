# METADATA
# title: Secrets Manager secret uses a customer-managed KMS key
# description: >-
#   A secret without KmsKeyId is encrypted with the AWS-managed key
#   aws/secretsmanager, whose key policy you cannot restrict and which
#   cannot be used to share the secret with another account. Reported
#   only with require_customer_managed_keys: true.
# custom:
#   id: aws-secretsmanager-secret-kms
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::SecretsManager::Secret", "aws_secretsmanager_secret"]
#   remediation: Set KmsKeyId (kms_key_id) to a customer-managed KMS key rather than aws/secretsmanager.
package tollgate.aws.secretsmanager_secret_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-secretsmanager-secret-kms"])
}
