package tollgate.aws.rds_storage_encrypted_test

import rego.v1

import data.tollgate.aws.rds_storage_encrypted as rule

# CloudFormation (and CDK)

cfn_types := {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"}

cfn_db(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"OrdersDb": {"Type": type, "Properties": props}}}

cfn_unknown(ref) := {"__unknown__": true, "expr": sprintf("Ref %s", [ref]), "ref": ref}

test_cloudformation_instance_missing if {
	rule.deny == {{
		"resource": "OrdersDb",
		"path": ["Resources", "OrdersDb", "Properties", "StorageEncrypted"],
		"message": "AWS::RDS::DBInstance storage is not encrypted (StorageEncrypted is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_db("AWS::RDS::DBInstance", {"Engine": "postgres", "DBInstanceClass": "db.t4g.micro"})
}

test_cloudformation_explicit_false_in_every_type if {
	every t in cfn_types {
		count(rule.deny) == 1 with input as cfn_db(t, {"StorageEncrypted": false})
		count(rule.deny) == 1 with input as cfn_db(t, {"StorageEncrypted": "false"})
	}
}

test_cloudformation_encrypted if {
	every t in cfn_types {
		count(rule.deny) == 0 with input as cfn_db(t, {"StorageEncrypted": true})
		count(rule.deny) == 0 with input as cfn_db(t, {"StorageEncrypted": "true"})
	}
}

test_cloudformation_unknown if {
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"StorageEncrypted": cfn_unknown("Encrypt")})
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBCluster", {"StorageEncrypted": cfn_unknown("Encrypt")})
}

test_cloudformation_aurora_member_inherits if {
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"Engine": "aurora-postgresql", "DBClusterIdentifier": cfn_unknown("OrdersCluster")})
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"Engine": "aurora-mysql"})
}

test_cloudformation_replica_and_restores_inherit if {
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"SourceDBInstanceIdentifier": cfn_unknown("Primary")})
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"DBSnapshotIdentifier": "arn:aws:rds:eu-west-1:111122223333:snapshot:orders-final"})
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBCluster", {"SnapshotIdentifier": "orders-final"})
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBCluster", {"SourceDBClusterIdentifier": "orders", "RestoreType": "copy-on-write"})
	count(rule.deny) == 0 with input as cfn_db("AWS::DocDB::DBCluster", {"SnapshotIdentifier": "orders-final"})
}

test_cloudformation_serverless_v1_always_encrypted if {
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBCluster", {"Engine": "aurora-mysql", "EngineMode": "serverless"})
	count(rule.deny) == 1 with input as cfn_db("AWS::RDS::DBCluster", {"Engine": "aurora-mysql", "EngineMode": "provisioned"})
}

test_cloudformation_global_secondary if {
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBCluster", {"GlobalClusterIdentifier": "orders-global"})
	count(rule.deny) == 1 with input as cfn_db("AWS::RDS::DBCluster", {"GlobalClusterIdentifier": "orders-global", "StorageEncrypted": false})
}

# Terraform

tf_types := {"aws_db_instance", "aws_rds_cluster", "aws_docdb_cluster", "aws_neptune_cluster"}

tf_db(type, values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": sprintf("%s.orders", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

tf_unknown(expr, ref) := {"__unknown__": true, "expr": expr, "ref": ref}

test_terraform_instance_missing if {
	rule.deny == {{
		"resource": "aws_db_instance.orders",
		"path": ["resources", 0, "values", "storage_encrypted"],
		"message": "aws_db_instance storage is not encrypted (storage_encrypted is not true)",
		"remediation": rule.fix.terraform,
	}} with input as tf_db("aws_db_instance", {"engine": "postgres", "instance_class": "db.t4g.micro"})
}

test_terraform_false_null_and_string_false_in_every_type if {
	every t in tf_types {
		count(rule.deny) == 1 with input as tf_db(t, {"storage_encrypted": false})
		count(rule.deny) == 1 with input as tf_db(t, {"storage_encrypted": "false"})
		count(rule.deny) == 1 with input as tf_db(t, {"storage_encrypted": null})
	}
}

test_terraform_encrypted if {
	every t in tf_types {
		count(rule.deny) == 0 with input as tf_db(t, {"storage_encrypted": true})
		count(rule.deny) == 0 with input as tf_db(t, {"storage_encrypted": "true"})
	}
}

test_terraform_unknown if {
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"storage_encrypted": {"__unknown__": true, "expr": "var.encrypted"}})
}

test_terraform_replicas_and_restores_inherit if {
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"replicate_source_db": tf_unknown("aws_db_instance.primary.identifier", "aws_db_instance.primary")})
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"snapshot_identifier": "orders-final"})
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"restore_to_point_in_time": [{"source_db_instance_identifier": "orders", "use_latest_restorable_time": true}]})
	count(rule.deny) == 0 with input as tf_db("aws_rds_cluster", {"snapshot_identifier": "orders-final"})
	count(rule.deny) == 0 with input as tf_db("aws_rds_cluster", {"replication_source_identifier": "arn:aws:rds:eu-west-1:111122223333:cluster:orders"})
	count(rule.deny) == 0 with input as tf_db("aws_neptune_cluster", {"snapshot_identifier": "graph-final"})
	count(rule.deny) == 0 with input as tf_db("aws_docdb_cluster", {"snapshot_identifier": "docs-final"})
}

test_terraform_empty_source_arguments_do_not_inherit if {
	# plans list unset arguments as null or empty blocks
	count(rule.deny) == 1 with input as tf_db("aws_db_instance", {"replicate_source_db": null, "snapshot_identifier": "", "restore_to_point_in_time": [], "storage_encrypted": false})
}

test_terraform_aurora_instance_is_cluster_member if {
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"engine": "aurora-postgresql"})
}

test_terraform_serverless_v1_always_encrypted if {
	count(rule.deny) == 0 with input as tf_db("aws_rds_cluster", {"engine": "aurora-mysql", "engine_mode": "serverless"})
	count(rule.deny) == 1 with input as tf_db("aws_rds_cluster", {"engine": "aurora-mysql", "engine_mode": "provisioned"})
}

test_terraform_global_secondary if {
	count(rule.deny) == 0 with input as tf_db("aws_rds_cluster", {"global_cluster_identifier": tf_unknown("aws_rds_global_cluster.g.id", "aws_rds_global_cluster.g")})
	count(rule.deny) == 1 with input as tf_db("aws_rds_cluster", {"global_cluster_identifier": "orders-global", "storage_encrypted": false})
}

test_terraform_other_resources_ignored if {
	count(rule.deny) == 0 with input as tf_db("aws_rds_cluster_instance", {"engine": "aurora-postgresql"})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "data.aws_db_instance.x", "mode": "data", "type": "aws_db_instance", "values": {}}]}
}
