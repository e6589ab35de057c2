package tollgate.cloudformation.rds_storage_encrypted_test

import rego.v1

import data.tollgate.cloudformation.rds_storage_encrypted as rule

db(type, props) := {"Resources": {"OrdersDb": {"Type": type, "Properties": props}}}

unknown(ref) := {"__unknown__": true, "expr": sprintf("Ref %s", [ref]), "ref": ref}

test_instance_missing if {
	rule.deny == {{
		"resource": "OrdersDb",
		"path": ["Resources", "OrdersDb", "Properties", "StorageEncrypted"],
		"message": "AWS::RDS::DBInstance storage is not encrypted (StorageEncrypted is not true)",
	}} with input as db("AWS::RDS::DBInstance", {"Engine": "postgres", "DBInstanceClass": "db.t4g.micro"})
}

test_explicit_false_in_every_type if {
	every t in rule.types {
		count(rule.deny) == 1 with input as db(t, {"StorageEncrypted": false})
		count(rule.deny) == 1 with input as db(t, {"StorageEncrypted": "false"})
	}
}

test_encrypted if {
	every t in rule.types {
		count(rule.deny) == 0 with input as db(t, {"StorageEncrypted": true})
		count(rule.deny) == 0 with input as db(t, {"StorageEncrypted": "true"})
	}
}

test_unknown if {
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"StorageEncrypted": unknown("Encrypt")})
	count(rule.deny) == 0 with input as db("AWS::RDS::DBCluster", {"StorageEncrypted": unknown("Encrypt")})
}

test_aurora_member_inherits if {
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"Engine": "aurora-postgresql", "DBClusterIdentifier": unknown("OrdersCluster")})
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"Engine": "aurora-mysql"})
}

test_replica_and_restores_inherit if {
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"SourceDBInstanceIdentifier": unknown("Primary")})
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"DBSnapshotIdentifier": "arn:aws:rds:eu-west-1:111122223333:snapshot:orders-final"})
	count(rule.deny) == 0 with input as db("AWS::RDS::DBCluster", {"SnapshotIdentifier": "orders-final"})
	count(rule.deny) == 0 with input as db("AWS::RDS::DBCluster", {"SourceDBClusterIdentifier": "orders", "RestoreType": "copy-on-write"})
	count(rule.deny) == 0 with input as db("AWS::DocDB::DBCluster", {"SnapshotIdentifier": "orders-final"})
}

test_serverless_v1_always_encrypted if {
	count(rule.deny) == 0 with input as db("AWS::RDS::DBCluster", {"Engine": "aurora-mysql", "EngineMode": "serverless"})
	count(rule.deny) == 1 with input as db("AWS::RDS::DBCluster", {"Engine": "aurora-mysql", "EngineMode": "provisioned"})
}

test_global_secondary if {
	count(rule.deny) == 0 with input as db("AWS::RDS::DBCluster", {"GlobalClusterIdentifier": "orders-global"})
	count(rule.deny) == 1 with input as db("AWS::RDS::DBCluster", {"GlobalClusterIdentifier": "orders-global", "StorageEncrypted": false})
}
