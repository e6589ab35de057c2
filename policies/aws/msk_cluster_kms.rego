# METADATA
# title: MSK cluster uses a customer-managed KMS key
# description: >-
#   MSK always encrypts broker storage, by default with the AWS-managed
#   key alias/aws/kafka. Reported only with require_customer_managed_keys: true.
# custom:
#   id: aws-msk-cluster-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::MSK::Cluster", "aws_msk_cluster"]
#   remediation: >-
#     Set EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId
#     (encryption_info.encryption_at_rest_kms_key_arn) to a customer-managed KMS key.
package tollgate.aws.msk_cluster_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-msk-cluster-kms"])
}
