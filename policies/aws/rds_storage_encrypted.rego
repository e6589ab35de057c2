# METADATA
# title: Database storage is encrypted
# description: >-
#   RDS instances and clusters, DocumentDB and Neptune clusters store data,
#   automated backups, snapshots and replicas unencrypted unless
#   StorageEncrypted is true, and encryption cannot be turned on after
#   creation. Resources that take their encryption from elsewhere are not
#   reported: Aurora and Multi-AZ cluster members (from the cluster), read
#   replicas and point-in-time restores (from the source), snapshot restores
#   (from the snapshot), Aurora Serverless v1 clusters (always encrypted) and
#   secondary clusters of a global database that leave the property unset.
# custom:
#   id: aws-rds-storage-encrypted
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "aws_db_instance", "aws_docdb_cluster", "aws_neptune_cluster", "aws_rds_cluster"]
#   remediation: >-
#     Set StorageEncrypted to true (and KmsKeyId to a customer-managed key);
#     an existing database must be migrated through an encrypted snapshot copy.
package tollgate.aws.rds_storage_encrypted

import rego.v1

import data.tollgate.lib.aws.rds
import data.tollgate.lib.encryption
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set StorageEncrypted to true (and KmsKeyId to a customer-managed key); an existing database must be migrated through an encrypted snapshot copy.",
	"terraform": "Set storage_encrypted = true (and kms_key_id to a customer-managed key); an existing database must be migrated through an encrypted snapshot copy.",
}

deny contains f if {
	some db in rds.databases
	encryption.unset_or_false(view.value_or(db, "storage_encrypted", false))
	f := view.finding(db, "storage_encrypted", sprintf("%s storage is not encrypted (%s is not true)", [db.type, view.spelled(db, "storage_encrypted")]), fix)
}

# Undecided where storage_encrypted is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(rds.databases, ["storage_encrypted"])
}
