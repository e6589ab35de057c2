# METADATA
# title: Backup vault uses a customer-managed KMS key
# description: >-
#   A backup vault without EncryptionKeyArn encrypts recovery points
#   with the AWS-managed key aws/backup, which cannot be shared with the
#   account a copy of the backups is kept in. Reported only with
#   require_customer_managed_keys: true.
# custom:
#   id: aws-backup-vault-kms
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Backup::BackupVault", "aws_backup_vault"]
#   remediation: Set EncryptionKeyArn (kms_key_arn) to a customer-managed KMS key rather than aws/backup.
package tollgate.aws.backup_vault_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-backup-vault-kms"])
}
