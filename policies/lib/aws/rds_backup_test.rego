package tollgate.lib.aws.rds_backup_test

import rego.v1

import data.tollgate.lib.aws.rds

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

unknown := {"__unknown__": true, "expr": "Ref Days", "ref": "Days"}

test_members_and_replicas_are_left_out if {
	got := rds.backups with input as cfn({
		"Cluster": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql"}},
		"Writer": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBClusterIdentifier": {"__unknown__": true, "expr": "Ref Cluster", "ref": "Cluster"}, "Engine": "aurora-postgresql"}},
		"Reader": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "aurora-mysql"}},
		"Replica": {"Type": "AWS::RDS::DBInstance", "Properties": {"SourceDBInstanceIdentifier": "primary"}},
		"Primary": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "postgres"}},
	})
	object.keys(got) == {"Cluster", "Primary"}
}

test_retention_days if {
	docs := cfn({
		"Default": {"Type": "AWS::RDS::DBInstance", "Properties": {}},
		"Number": {"Type": "AWS::RDS::DBInstance", "Properties": {"BackupRetentionPeriod": 14}},
		"Text": {"Type": "AWS::RDS::DBInstance", "Properties": {"BackupRetentionPeriod": "3"}},
		"Unknown": {"Type": "AWS::RDS::DBInstance", "Properties": {"BackupRetentionPeriod": unknown}},
		"Restored": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBSnapshotIdentifier": "snap"}},
		"RestoredSet": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBSnapshotIdentifier": "snap", "BackupRetentionPeriod": 2}},
	})
	got := {k: rds.retention_days(db) | some k, db in rds.backups} with input as docs
	got == {"Default": 1, "Number": 14, "Text": 3, "RestoredSet": 2}
}

test_terraform_instance_default_is_zero if {
	got := {db.resource: rds.retention_days(db) | some db in rds.backups} with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_db_instance.a", "mode": "managed", "type": "aws_db_instance", "values": {"engine": "mysql"}},
		{"address": "aws_rds_cluster.c", "mode": "managed", "type": "aws_rds_cluster", "values": {"engine": "aurora-mysql"}},
		{"address": "aws_db_instance.r", "mode": "managed", "type": "aws_db_instance", "values": {"replicate_source_db": "primary"}},
	]}
	got == {"aws_db_instance.a": 0, "aws_rds_cluster.c": 1}
}
