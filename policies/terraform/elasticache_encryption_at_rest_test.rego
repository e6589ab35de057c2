package tollgate.terraform.elasticache_encryption_at_rest_test

import rego.v1

import data.tollgate.terraform.elasticache_encryption_at_rest as rule

doc(type, values) := {"resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_missing if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.main", "path": ["resources", 0, "values", "at_rest_encryption_enabled"], "message": "replication group does not encrypt data at rest (at_rest_encryption_enabled is not true)"}} with input as doc("aws_elasticache_replication_group", {"replication_group_id": "sessions"})
	count(rule.deny) == 1 with input as doc("aws_elasticache_replication_group", {"at_rest_encryption_enabled": "false"})
}

test_enabled_or_unknown if {
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"at_rest_encryption_enabled": true})
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"at_rest_encryption_enabled": unknown})
	count(rule.deny) == 0 with input as doc("aws_elasticache_serverless_cache", {"engine": "redis"})
}
