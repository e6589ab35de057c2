# METADATA
# title: DMS replication instance storage uses a customer-managed KMS key
# description: >-
#   A DMS replication instance's storage is encrypted with the AWS-
#   managed key aws/dms unless KmsKeyId names a customer-managed key.
#   Reported only with require_customer_managed_keys: true.
# custom:
#   id: aws-dms-replication-instance-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::DMS::ReplicationInstance", "aws_dms_replication_instance"]
#   remediation: Set KmsKeyId (kms_key_arn) to a customer-managed KMS key rather than aws/dms.
package tollgate.aws.dms_replication_instance_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-dms-replication-instance-kms"])
}
