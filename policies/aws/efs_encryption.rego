# METADATA
# title: EFS file system is encrypted at rest
# description: >-
#   An EFS file system created through CloudFormation is unencrypted unless
#   Encrypted is true (the console default does not apply), and encryption
#   cannot be enabled after creation. With require_customer_managed_keys on,
#   an encrypted file system without KmsKeyId (or with an alias/aws/ key)
#   uses the AWS-managed key aws/elasticfilesystem and is reported too.
# custom:
#   id: aws-efs-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::EFS::FileSystem", "aws_efs_file_system"]
#   remediation: Set Encrypted to true (and KmsKeyId to a customer-managed key).
package tollgate.aws.efs_encryption

import rego.v1

import data.tollgate.lib.aws.efs
import data.tollgate.lib.aws.kms
import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set Encrypted to true (and KmsKeyId to a customer-managed key).",
	"terraform": "Set encrypted = true (and kms_key_id to a customer-managed key).",
}

deny contains f if {
	some fs in efs.file_systems
	encryption.unset_or_false(view.value_or(fs, "encrypted", false))
	f := view.finding(fs, "encrypted", sprintf("file system is not encrypted at rest (%s is not true)", [view.spelled(fs, "encrypted")]), fix)
}

# The remediation under require_customer_managed_keys.
key_fix := {
	"cloudformation": "Set KmsKeyId to a customer-managed KMS key (for example !GetAtt FileSystemKey.Arn).",
	"terraform": "Set kms_key_id to a customer-managed KMS key (for example aws_kms_key.fs.arn).",
}

deny contains f if {
	some fs in efs.file_systems
	core.is_true(view.value_or(fs, "encrypted", false))
	f := kms.aws_key_finding(fs, view.field(fs, fs.paths.kms_key), "file system", "the AWS-managed key aws/elasticfilesystem", key_fix)
}

# Undecided where encrypted is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(efs.file_systems, ["encrypted"])
}
