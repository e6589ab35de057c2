# METADATA
# title: ECR repository uses a customer-managed KMS key
# description: >-
#   ECR encrypts images with AES-256 (S3-managed keys) by default, or
#   with the AWS-managed key aws/ecr for EncryptionType KMS without a
#   key. Reported only with require_customer_managed_keys: true.
# custom:
#   id: aws-ecr-repository-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ECR::Repository", "aws_ecr_repository"]
#   remediation: Set EncryptionConfiguration (encryption_configuration) to EncryptionType KMS with KmsKey (kms_key) a customer-managed key; it cannot be changed after creation.
package tollgate.aws.ecr_repository_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-ecr-repository-kms"])
}
