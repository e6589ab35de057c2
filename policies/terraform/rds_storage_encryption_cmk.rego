# METADATA
# title: Encrypted database storage uses a customer-managed KMS key
# description: >-
#   Encrypted RDS, DocumentDB and Neptune storage without kms_key_id uses the
#   AWS-managed key (aws/rds), whose key policy cannot be restricted and whose
#   snapshots cannot be shared with other accounts. Resources whose encryption
#   is inherited (replicas, restores, cluster members) are not reported.
# custom:
#   id: aws-rds-storage-encryption-cmk
#   severity: low
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"]
#   remediation: Set kms_key_id (kms_key_arn on aws_neptune_cluster) to a customer-managed key (for example aws_kms_key.db.arn).
package tollgate.terraform.rds_storage_encryption_cmk

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption
import data.tollgate.terraform.rds_storage_encrypted as storage

deny contains f if {
	some i, r in storage.databases
	core.is_true(tf.value(r, ["storage_encrypted"], false))
	attr := key_argument(r.type)
	not tf_encryption.customer_key(tf.value(r, [attr], null))
	f := tf.finding(i, [attr], sprintf("%s storage is encrypted with the AWS-managed key rather than a customer-managed KMS key", [r.type]))
}

# Neptune names the argument kms_key_arn.
key_argument(type) := "kms_key_arn" if type == "aws_neptune_cluster"

key_argument(type) := "kms_key_id" if type != "aws_neptune_cluster"
