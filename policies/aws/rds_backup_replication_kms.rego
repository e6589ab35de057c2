# METADATA
# title: Cross-region RDS backup replicas use a customer-managed KMS key
# description: >-
#   Automated backups replicated to another region are encrypted with the
#   key named by AutomaticBackupReplicationKmsKeyId
#   (aws_db_instance_automated_backups_replication kms_key_id). Reported only
#   with require_customer_managed_keys: true, and in CloudFormation only for
#   instances that set AutomaticBackupReplicationRegion. An unencrypted source
#   instance is aws-rds-storage-encrypted's finding.
# custom:
#   id: aws-rds-backup-replication-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::RDS::DBInstance", "aws_db_instance_automated_backups_replication"]
#   remediation: >-
#     Set AutomaticBackupReplicationKmsKeyId (kms_key_id) to a customer-managed KMS key in the destination region.
package tollgate.aws.rds_backup_replication_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-rds-backup-replication-kms"])
}
