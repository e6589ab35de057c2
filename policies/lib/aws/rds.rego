# METADATA
# description: RDS, Aurora, DocumentDB and Neptune databases as one view (see lib/view.rego).
package tollgate.lib.aws.rds

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.view

# instances: the resources that have a network endpoint of their own
# setting (CloudFormation clusters carry PubliclyAccessible too).
instances := view.resources({
	"cloudformation": {"type": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"], "fields": {
		"publicly_accessible": ["PubliclyAccessible"],
	}},
	"terraform": {"type": ["aws_db_instance", "aws_rds_cluster_instance", "aws_neptune_cluster_instance"], "fields": {
		"publicly_accessible": ["publicly_accessible"],
	}},
})

# databases are the resources whose own storage setting decides whether
# their storage is encrypted: not members, replicas or restores, which take
# it from their cluster, source or snapshot.
databases := {k: db |
	some k, db in object.union(view.resources(_storage), view.resources(_neptune_storage))
	not inherits(db)
}

_storage := {
	"cloudformation": {"type": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"], "fields": {
		"storage_encrypted": ["StorageEncrypted"],
		"kms_key": ["KmsKeyId"],
		"engine": ["Engine"],
		"engine_mode": ["EngineMode"],
		"global_cluster": ["GlobalClusterIdentifier"],
	}},
	"terraform": {"type": ["aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster"], "fields": {
		"storage_encrypted": ["storage_encrypted"],
		"kms_key": ["kms_key_id"],
		"engine": ["engine"],
		"engine_mode": ["engine_mode"],
		"global_cluster": ["global_cluster_identifier"],
	}},
}

# Neptune names the key argument kms_key_arn.
_neptune_storage := {"terraform": {"type": "aws_neptune_cluster", "fields": object.union(
	_storage.terraform.fields,
	{"kms_key": ["kms_key_arn"]},
)}}

# Settings whose presence means the storage encryption is decided by
# another resource, a source database or a snapshot.
_inheriting := {
	"AWS::RDS::DBInstance": {
		"DBClusterIdentifier", "SourceDBInstanceIdentifier", "SourceDBInstanceAutomatedBackupsArn",
		"SourceDbiResourceId", "SourceDBClusterIdentifier", "DBSnapshotIdentifier", "DBClusterSnapshotIdentifier",
	},
	"AWS::RDS::DBCluster": {"SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier"},
	"AWS::DocDB::DBCluster": {"SnapshotIdentifier", "SourceDBClusterIdentifier"},
	"AWS::Neptune::DBCluster": {"SnapshotIdentifier", "SourceDBClusterIdentifier"},
	"aws_db_instance": {"replicate_source_db", "snapshot_identifier", "restore_to_point_in_time"},
	"aws_rds_cluster": {"snapshot_identifier", "replication_source_identifier", "restore_to_point_in_time"},
	"aws_docdb_cluster": {"snapshot_identifier", "restore_to_point_in_time"},
	"aws_neptune_cluster": {"snapshot_identifier", "replication_source_identifier"},
}

inherits(db) if {
	some p in _inheriting[db.type]
	_present(db, p)
}

# Aurora instances are cluster members whatever resource creates them.
inherits(db) if {
	db.type in {"AWS::RDS::DBInstance", "aws_db_instance"}
	engine := view.value_or(db, "engine", "")
	is_string(engine)
	startswith(lower(engine), "aurora")
}

# Aurora Serverless v1 clusters are always encrypted.
inherits(db) if {
	db.type in {"AWS::RDS::DBCluster", "aws_rds_cluster"}
	mode := view.value_or(db, "engine_mode", "provisioned")
	is_string(mode)
	lower(mode) == "serverless"
}

# A secondary cluster of a global database that does not set the setting
# takes it from the global cluster.
inherits(db) if {
	db.type in {"AWS::RDS::DBCluster", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"}
	_written(db, "global_cluster")
	not _written(db, "storage_encrypted")
}

# _present: a CloudFormation property that is written (or may be, under an
# unknown block); a Terraform argument that is an unknown, a non-empty
# string or a non-empty block list.
_present(db, p) if {
	db.family == "cloudformation"
	cfn.has_prop({"Properties": db.values}, [p])
}

_present(db, p) if {
	db.family == "terraform"
	_tf_set(view.get(db.values, [p]))
}

_tf_set(x) if core.is_unknown(x)

_tf_set(x) if {
	is_string(x)
	x != ""
}

_tf_set(x) if {
	is_array(x)
	count(x) > 0
}

# _written: the field is written (Terraform: not null). Both fields it is
# asked about are top-level properties, spelled as their names.
_written(db, name) if {
	db.family == "cloudformation"
	_present(db, view.spelled(db, name))
}

_written(db, name) if {
	db.family == "terraform"
	view.value(db, name) != null
}
