# METADATA
# title: Athena workgroup encrypts query results with a customer-managed KMS key
# description: >-
#   Athena writes query results to S3, which encrypts every new object
#   (SSE-S3) by default; a workgroup result configuration with SSE_KMS
#   or CSE_KMS and a customer-managed key, enforced for every query,
#   puts result access under your key policy. Reported only with
#   require_customer_managed_keys: true.
# custom:
#   id: aws-athena-workgroup-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Athena::WorkGroup", "aws_athena_workgroup"]
#   remediation: Set the workgroup's result EncryptionConfiguration (encryption_configuration) to SSE_KMS with KmsKey (kms_key_arn) a customer-managed key, and enforce the workgroup configuration.
package tollgate.aws.athena_workgroup_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-athena-workgroup-kms"])
}
