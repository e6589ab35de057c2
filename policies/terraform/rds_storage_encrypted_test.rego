package tollgate.terraform.rds_storage_encrypted_test

import rego.v1

import data.tollgate.terraform.rds_storage_encrypted as rule

db(type, values) := {"resources": [{"address": sprintf("%s.orders", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown(expr, ref) := {"__unknown__": true, "expr": expr, "ref": ref}

test_instance_missing if {
	rule.deny == {{
		"resource": "aws_db_instance.orders",
		"path": ["resources", 0, "values", "storage_encrypted"],
		"message": "aws_db_instance storage is not encrypted (storage_encrypted is not true)",
	}} with input as db("aws_db_instance", {"engine": "postgres", "instance_class": "db.t4g.micro"})
}

test_false_null_and_string_false_in_every_type if {
	every t in rule.types {
		count(rule.deny) == 1 with input as db(t, {"storage_encrypted": false})
		count(rule.deny) == 1 with input as db(t, {"storage_encrypted": "false"})
		count(rule.deny) == 1 with input as db(t, {"storage_encrypted": null})
	}
}

test_encrypted if {
	every t in rule.types {
		count(rule.deny) == 0 with input as db(t, {"storage_encrypted": true})
		count(rule.deny) == 0 with input as db(t, {"storage_encrypted": "true"})
	}
}

test_unknown if {
	count(rule.deny) == 0 with input as db("aws_db_instance", {"storage_encrypted": {"__unknown__": true, "expr": "var.encrypted"}})
}

test_replicas_and_restores_inherit if {
	count(rule.deny) == 0 with input as db("aws_db_instance", {"replicate_source_db": unknown("aws_db_instance.primary.identifier", "aws_db_instance.primary")})
	count(rule.deny) == 0 with input as db("aws_db_instance", {"snapshot_identifier": "orders-final"})
	count(rule.deny) == 0 with input as db("aws_db_instance", {"restore_to_point_in_time": [{"source_db_instance_identifier": "orders", "use_latest_restorable_time": true}]})
	count(rule.deny) == 0 with input as db("aws_rds_cluster", {"snapshot_identifier": "orders-final"})
	count(rule.deny) == 0 with input as db("aws_rds_cluster", {"replication_source_identifier": "arn:aws:rds:eu-west-1:111122223333:cluster:orders"})
	count(rule.deny) == 0 with input as db("aws_neptune_cluster", {"snapshot_identifier": "graph-final"})
	count(rule.deny) == 0 with input as db("aws_docdb_cluster", {"snapshot_identifier": "docs-final"})
}

test_empty_source_arguments_do_not_inherit if {
	# plans list unset arguments as null or empty blocks
	count(rule.deny) == 1 with input as db("aws_db_instance", {"replicate_source_db": null, "snapshot_identifier": "", "restore_to_point_in_time": [], "storage_encrypted": false})
}

test_aurora_instance_is_cluster_member if {
	count(rule.deny) == 0 with input as db("aws_db_instance", {"engine": "aurora-postgresql"})
}

test_serverless_v1_always_encrypted if {
	count(rule.deny) == 0 with input as db("aws_rds_cluster", {"engine": "aurora-mysql", "engine_mode": "serverless"})
	count(rule.deny) == 1 with input as db("aws_rds_cluster", {"engine": "aurora-mysql", "engine_mode": "provisioned"})
}

test_global_secondary if {
	count(rule.deny) == 0 with input as db("aws_rds_cluster", {"global_cluster_identifier": unknown("aws_rds_global_cluster.g.id", "aws_rds_global_cluster.g")})
	count(rule.deny) == 1 with input as db("aws_rds_cluster", {"global_cluster_identifier": "orders-global", "storage_encrypted": false})
}

test_other_resources_ignored if {
	count(rule.deny) == 0 with input as db("aws_rds_cluster_instance", {"engine": "aurora-postgresql"})
	count(rule.deny) == 0 with input as {"resources": [{"address": "data.aws_db_instance.x", "mode": "data", "type": "aws_db_instance", "values": {}}]}
}
