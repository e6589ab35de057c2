# METADATA
# title: EFS file system is encrypted at rest
# description: >-
#   An aws_efs_file_system is unencrypted unless encrypted is true (the
#   provider default is false; the console default does not apply), and
#   encryption cannot be enabled after creation.
# custom:
#   id: aws-efs-encryption
#   severity: high
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_efs_file_system"]
#   remediation: Set encrypted = true (and kms_key_id to a customer-managed key).
package tollgate.terraform.efs_encryption

import rego.v1

import data.tollgate.lib.encryption
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_efs_file_system")
	encryption.unset_or_false(tf.value(r, ["encrypted"], false))
	f := tf.finding(i, ["encrypted"], "file system is not encrypted at rest (encrypted is not true)")
}
