package tollgate.terraform.elasticache_encryption_in_transit_test

import rego.v1

import data.tollgate.terraform.elasticache_encryption_in_transit as rule

doc(type, values) := {"resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_replication_group if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.main", "path": ["resources", 0, "values", "transit_encryption_enabled"], "message": "replication group does not encrypt traffic in transit (transit_encryption_enabled is not true)"}} with input as doc("aws_elasticache_replication_group", {"replication_group_id": "sessions"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"transit_encryption_enabled": true})
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"transit_encryption_enabled": unknown})
}

test_preferred_mode if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.main", "path": ["resources", 0, "values", "transit_encryption_mode"], "message": "replication group still accepts unencrypted connections (transit_encryption_mode is preferred)"}} with input as doc("aws_elasticache_replication_group", {"transit_encryption_enabled": true, "transit_encryption_mode": "preferred"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"transit_encryption_enabled": true, "transit_encryption_mode": "required"})
}

test_memcached if {
	count(rule.deny) == 1 with input as doc("aws_elasticache_cluster", {"engine": "memcached"})
	count(rule.deny) == 1 with input as doc("aws_elasticache_cluster", {"engine": "memcached", "engine_version": "1.6.22"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_cluster", {"engine": "memcached", "engine_version": "1.6.6"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_cluster", {"engine": "memcached", "transit_encryption_enabled": true})
	count(rule.deny) == 0 with input as doc("aws_elasticache_cluster", {"engine": "redis"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_cluster", {"replication_group_id": "sessions"})
}
