# RDS, Aurora, DocumentDB and Neptune automated backups, part of the RDS
# view (rds.rego holds the package's annotations).
package tollgate.lib.aws.rds

import rego.v1

import data.tollgate.lib.view

# backups are the databases that keep automated backups of their own:
# not cluster members (an Aurora or Multi-AZ DB cluster's instances take
# the cluster's retention, and AWS ignores theirs) and not read replicas
# (whose source keeps the backups). restored says whether the database is
# created from a snapshot or a point in time: without a retention of its
# own it takes the source's, which the document does not show.
backups := {k: object.union(db, {"restored": _restored(db)}) |
	some k, db in view.resources(_backup)
	not _member_or_replica(db)
}

_backup := {
	"cloudformation": {"type": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"], "fields": {
		"retention": ["BackupRetentionPeriod"],
		"engine": ["Engine"],
	}},
	"terraform": {"type": ["aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"], "fields": {
		"retention": ["backup_retention_period"],
		"engine": ["engine"],
	}},
}

_membership := {
	"AWS::RDS::DBInstance": {"DBClusterIdentifier", "SourceDBInstanceIdentifier", "SourceDBClusterIdentifier"},
	"aws_db_instance": {"replicate_source_db"},
}

_restoring := {
	"AWS::RDS::DBInstance": {"DBSnapshotIdentifier", "DBClusterSnapshotIdentifier", "SourceDBInstanceAutomatedBackupsArn", "SourceDbiResourceId", "RestoreTime", "UseLatestRestorableTime"},
	"AWS::RDS::DBCluster": {"SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier", "RestoreToTime", "UseLatestRestorableTime"},
	"AWS::DocDB::DBCluster": {"SnapshotIdentifier", "SourceDBClusterIdentifier", "RestoreToTime", "UseLatestRestorableTime"},
	"AWS::Neptune::DBCluster": {"SnapshotIdentifier", "SourceDBClusterIdentifier", "RestoreToTime", "UseLatestRestorableTime"},
	"aws_db_instance": {"snapshot_identifier", "restore_to_point_in_time", "s3_import"},
	"aws_rds_cluster": {"snapshot_identifier", "replication_source_identifier", "restore_to_point_in_time", "s3_import"},
	"aws_docdb_cluster": {"snapshot_identifier", "restore_to_point_in_time"},
	"aws_neptune_cluster": {"snapshot_identifier", "replication_source_identifier"},
}

_member_or_replica(db) if {
	some p in _membership[db.type]
	_present(db, p)
}

# Aurora instances are cluster members whatever resource creates them.
_member_or_replica(db) if {
	db.type in {"AWS::RDS::DBInstance", "aws_db_instance"}
	engine := view.value_or(db, "engine", "")
	is_string(engine)
	startswith(lower(engine), "aurora")
}

_restored(db) if {
	some p in _restoring[db.type]
	_present(db, p)
}

else := false

# retention_days returns the retention a database keeps its automated
# backups for as a number, with where it comes from: the value written, or
# the service default (1 day; 0 for a Terraform aws_db_instance, whose
# documented default disables backups). Undefined when it cannot be known.
retention_days(db) := n if {
	x := view.value(db, "retention")
	x != null
	n := _days(x)
} else := 0 if {
	view.value(db, "retention") == null
	not db.restored
	db.type == "aws_db_instance"
} else := 1 if {
	view.value(db, "retention") == null
	not db.restored
}

_days(x) := x if is_number(x)

_days(x) := to_number(x) if {
	is_string(x)
	regex.match(`^[0-9]+$`, x)
}
