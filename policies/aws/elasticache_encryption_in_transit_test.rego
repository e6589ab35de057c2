package tollgate.aws.elasticache_encryption_in_transit_test

import rego.v1

import data.tollgate.aws.elasticache_encryption_in_transit as rule

# CloudFormation (and CDK)

res(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Sessions": {"Type": type, "Properties": props}}}

group(props) := res("AWS::ElastiCache::ReplicationGroup", props)

memcached(props) := res("AWS::ElastiCache::CacheCluster", object.union({"Engine": "memcached"}, props))

test_cloudformation_group_missing if {
	rule.deny == {{
		"resource": "Sessions",
		"path": ["Resources", "Sessions", "Properties", "TransitEncryptionEnabled"],
		"message": "replication group does not encrypt traffic in transit (TransitEncryptionEnabled is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as group({"Engine": "redis"})
	count(rule.deny) == 1 with input as group({"TransitEncryptionEnabled": false})
}

test_cloudformation_group_preferred_mode if {
	rule.deny == {{
		"resource": "Sessions",
		"path": ["Resources", "Sessions", "Properties", "TransitEncryptionMode"],
		"message": "replication group still accepts unencrypted connections (TransitEncryptionMode is preferred)",
		"remediation": rule.fix.cloudformation,
	}} with input as group({"TransitEncryptionEnabled": true, "TransitEncryptionMode": "preferred"})
}

test_cloudformation_group_compliant_or_unknown if {
	count(rule.deny) == 0 with input as group({"TransitEncryptionEnabled": true})
	count(rule.deny) == 0 with input as group({"TransitEncryptionEnabled": "true", "TransitEncryptionMode": "required"})
	count(rule.deny) == 0 with input as group({"TransitEncryptionEnabled": {"__unknown__": true, "expr": "Ref Tls", "ref": "Tls"}})
}

test_cloudformation_memcached if {
	rule.deny == {{
		"resource": "Sessions",
		"path": ["Resources", "Sessions", "Properties", "TransitEncryptionEnabled"],
		"message": "memcached cluster does not encrypt traffic in transit (TransitEncryptionEnabled is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as memcached({"CacheNodeType": "cache.t4g.small", "NumCacheNodes": 2})
	count(rule.deny) == 1 with input as memcached({"EngineVersion": "1.6.12"})
	count(rule.deny) == 1 with input as memcached({"EngineVersion": "1.6.22"})
	count(rule.deny) == 0 with input as memcached({"EngineVersion": "1.6.22", "TransitEncryptionEnabled": true})
}

test_cloudformation_memcached_versions_without_tls if {
	count(rule.deny) == 0 with input as memcached({"EngineVersion": "1.6.6"})
	count(rule.deny) == 0 with input as memcached({"EngineVersion": "1.5.16"})
	count(rule.deny) == 0 with input as memcached({"EngineVersion": {"__unknown__": true, "expr": "Ref Version", "ref": "Version"}})
}

test_cloudformation_redis_cache_cluster_and_serverless_not_reported if {
	count(rule.deny) == 0 with input as res("AWS::ElastiCache::CacheCluster", {"Engine": "redis"})
	count(rule.deny) == 0 with input as res("AWS::ElastiCache::ServerlessCache", {"Engine": "redis"})
}

# Terraform

doc(type, values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_terraform_replication_group if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.main", "path": ["resources", 0, "values", "transit_encryption_enabled"], "message": "replication group does not encrypt traffic in transit (transit_encryption_enabled is not true)", "remediation": rule.fix.terraform}} with input as doc("aws_elasticache_replication_group", {"replication_group_id": "sessions"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"transit_encryption_enabled": true})
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"transit_encryption_enabled": unknown})
}

test_terraform_preferred_mode if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.main", "path": ["resources", 0, "values", "transit_encryption_mode"], "message": "replication group still accepts unencrypted connections (transit_encryption_mode is preferred)", "remediation": rule.fix.terraform}} with input as doc("aws_elasticache_replication_group", {"transit_encryption_enabled": true, "transit_encryption_mode": "preferred"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"transit_encryption_enabled": true, "transit_encryption_mode": "required"})
}

test_terraform_memcached if {
	count(rule.deny) == 1 with input as doc("aws_elasticache_cluster", {"engine": "memcached"})
	count(rule.deny) == 1 with input as doc("aws_elasticache_cluster", {"engine": "memcached", "engine_version": "1.6.22"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_cluster", {"engine": "memcached", "engine_version": "1.6.6"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_cluster", {"engine": "memcached", "transit_encryption_enabled": true})
	count(rule.deny) == 0 with input as doc("aws_elasticache_cluster", {"engine": "redis"})
	count(rule.deny) == 0 with input as doc("aws_elasticache_cluster", {"replication_group_id": "sessions"})
}
