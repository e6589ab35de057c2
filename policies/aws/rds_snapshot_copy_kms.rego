# METADATA
# title: RDS snapshot copies use a customer-managed KMS key
# description: >-
#   A copy without kms_key_id keeps its source snapshot's encryption, which
#   the configuration does not show (an unencrypted source is
#   aws-rds-storage-encrypted's finding on the instance). Reported only with
#   require_customer_managed_keys: true. CloudFormation has no resource that
#   copies a DB snapshot, so this rule is Terraform's alone.
# custom:
#   id: aws-rds-snapshot-copy-kms
#   severity: low
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_db_snapshot_copy"]
#   remediation: >-
#     Set kms_key_id to a customer-managed KMS key (in the destination region for a cross-region copy).
package tollgate.aws.rds_snapshot_copy_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-rds-snapshot-copy-kms"])
}
