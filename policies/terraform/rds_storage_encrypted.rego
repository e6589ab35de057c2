# METADATA
# title: Database storage is encrypted
# description: >-
#   aws_db_instance, aws_rds_cluster, aws_docdb_cluster and aws_neptune_cluster
#   store data, automated backups, snapshots and replicas unencrypted unless
#   storage_encrypted is true (the provider default is false), and encryption
#   cannot be turned on after creation. Resources that take their encryption
#   from elsewhere are not reported: read replicas (replicate_source_db),
#   point-in-time and S3 restores of another database, snapshot restores
#   (snapshot_identifier), Aurora instances (members of a cluster), cluster
#   replicas (replication_source_identifier), Aurora Serverless v1 clusters
#   (engine_mode serverless, always encrypted) and secondary clusters of a
#   global database that leave the argument unset.
# custom:
#   id: aws-rds-storage-encrypted
#   severity: high
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"]
#   remediation: >-
#     Set storage_encrypted = true (and kms_key_id to a customer-managed key);
#     an existing database must be migrated through an encrypted snapshot copy.
package tollgate.terraform.rds_storage_encrypted

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.tf

types := {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"}

# Arguments whose presence means the storage encryption is decided by a
# source database or a snapshot.
inheriting_arguments := {
	"aws_db_instance": {"replicate_source_db", "snapshot_identifier", "restore_to_point_in_time"},
	"aws_rds_cluster": {"snapshot_identifier", "replication_source_identifier", "restore_to_point_in_time"},
	"aws_docdb_cluster": {"snapshot_identifier", "restore_to_point_in_time"},
	"aws_neptune_cluster": {"snapshot_identifier", "replication_source_identifier"},
}

# databases yields the resources whose own storage_encrypted decides their
# encryption, keyed by index in input.resources.
databases := {i: r |
	some i, r in input.resources
	r.mode == "managed"
	r.type in types
	not inherits(r)
}

inherits(r) if {
	some a in inheriting_arguments[r.type]
	set(tf.value(r, [a], null))
}

# Aurora instances are cluster members whatever resource creates them.
inherits(r) if {
	r.type == "aws_db_instance"
	engine := tf.value(r, ["engine"], "")
	is_string(engine)
	startswith(lower(engine), "aurora")
}

inherits(r) if {
	r.type == "aws_rds_cluster"
	mode := tf.value(r, ["engine_mode"], "provisioned")
	is_string(mode)
	lower(mode) == "serverless"
}

inherits(r) if {
	r.type in {"aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"}
	tf.has_value(r, ["global_cluster_identifier"])
	not tf.has_value(r, ["storage_encrypted"])
}

# set holds for an argument or block that is present: a non-empty string or
# block list, or an unknown.
set(x) if core.is_unknown(x)

set(x) if {
	is_string(x)
	x != ""
}

set(x) if {
	is_array(x)
	count(x) > 0
}

deny contains f if {
	some i, r in databases
	encryption.unset_or_false(tf.value(r, ["storage_encrypted"], false))
	f := tf.finding(i, ["storage_encrypted"], sprintf("%s storage is not encrypted (storage_encrypted is not true)", [r.type]))
}
