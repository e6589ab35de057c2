# METADATA
# title: Encrypted database storage uses a customer-managed KMS key
# description: >-
#   Encrypted RDS, DocumentDB and Neptune storage without KmsKeyId uses the
#   AWS-managed key (aws/rds), whose key policy cannot be restricted and whose
#   snapshots cannot be shared with other accounts. Resources whose encryption
#   is inherited (cluster members, replicas, restores) are not reported.
# custom:
#   id: aws-rds-storage-encryption-cmk
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "aws_db_instance", "aws_docdb_cluster", "aws_neptune_cluster", "aws_rds_cluster"]
#   remediation: Set KmsKeyId to a customer-managed key (for example !GetAtt DatabaseKey.Arn).
package tollgate.aws.rds_storage_encryption_cmk

import rego.v1

import data.tollgate.lib.aws.kms
import data.tollgate.lib.aws.rds
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set KmsKeyId to a customer-managed key (for example !GetAtt DatabaseKey.Arn).",
	"terraform": "Set kms_key_id (kms_key_arn on aws_neptune_cluster) to a customer-managed key (for example aws_kms_key.db.arn).",
}

deny contains f if {
	some db in rds.databases
	core.is_true(view.value_or(db, "storage_encrypted", false))
	not kms.customer_key(db, view.value(db, "kms_key"))
	f := view.finding(db, "kms_key", sprintf("%s storage is encrypted with the AWS-managed key rather than a customer-managed KMS key", [db.type]), fix)
}
