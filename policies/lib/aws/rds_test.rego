package tollgate.lib.aws.rds_test

import rego.v1

import data.tollgate.lib.aws.rds
import data.tollgate.lib.view

test_cloudformation_instances_and_clusters if {
	dbs := rds.instances with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"I": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": true}},
		"C": {"Type": "AWS::RDS::DBCluster", "Properties": {"PubliclyAccessible": false}},
		"D": {"Type": "AWS::DocDB::DBCluster", "Properties": {}},
	}}
	object.keys(dbs) == {"I", "C"}
	view.value(dbs.I, "publicly_accessible") == true
}

test_terraform_instances if {
	dbs := rds.instances with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_db_instance.a", "mode": "managed", "type": "aws_db_instance", "values": {"publicly_accessible": true}},
		{"address": "aws_neptune_cluster_instance.n", "mode": "managed", "type": "aws_neptune_cluster_instance", "values": {}},
		{"address": "aws_rds_cluster.c", "mode": "managed", "type": "aws_rds_cluster", "values": {}},
		{"address": "aws_rds_cluster_instance.i", "mode": "managed", "type": "aws_rds_cluster_instance", "values": {}},
	]}
	object.keys(dbs) == {0, 1, 3}
	_publicly_accessible := view.field_of(dbs[0], "publicly_accessible")
	_publicly_accessible.path == ["resources", 0, "values", "publicly_accessible"]
}

test_cloudformation_databases_leave_out_members_and_restores if {
	dbs := rds.databases with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Own": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "postgres"}},
		"Member": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBClusterIdentifier": "c"}},
		"Aurora": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "aurora-mysql"}},
		"Restored": {"Type": "AWS::Neptune::DBCluster", "Properties": {"SnapshotIdentifier": ""}},
		"Secondary": {"Type": "AWS::RDS::DBCluster", "Properties": {"GlobalClusterIdentifier": "g"}},
	}}
	object.keys(dbs) == {"Own"}
}

test_terraform_databases if {
	dbs := rds.databases with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_db_instance.own", "mode": "managed", "type": "aws_db_instance", "values": {"snapshot_identifier": ""}},
		{"address": "aws_db_instance.replica", "mode": "managed", "type": "aws_db_instance", "values": {"replicate_source_db": "x"}},
		{"address": "aws_neptune_cluster.n", "mode": "managed", "type": "aws_neptune_cluster", "values": {"kms_key_arn": "k"}},
		{"address": "aws_rds_cluster.serverless", "mode": "managed", "type": "aws_rds_cluster", "values": {"engine_mode": "serverless"}},
	]}
	object.keys(dbs) == {0, 2}
	_kms_key := view.field_of(dbs[2], "kms_key")
	_kms_key.path == ["resources", 2, "values", "kms_key_arn"]
	view.value(dbs[2], "kms_key") == "k"
}
