package tollgate.cloudformation.elasticache_encryption_in_transit_test

import rego.v1

import data.tollgate.cloudformation.elasticache_encryption_in_transit as rule

res(type, props) := {"Resources": {"Sessions": {"Type": type, "Properties": props}}}

group(props) := res("AWS::ElastiCache::ReplicationGroup", props)

memcached(props) := res("AWS::ElastiCache::CacheCluster", object.union({"Engine": "memcached"}, props))

test_group_missing if {
	rule.deny == {{
		"resource": "Sessions",
		"path": ["Resources", "Sessions", "Properties", "TransitEncryptionEnabled"],
		"message": "replication group does not encrypt traffic in transit (TransitEncryptionEnabled is not true)",
	}} with input as group({"Engine": "redis"})
	count(rule.deny) == 1 with input as group({"TransitEncryptionEnabled": false})
}

test_group_preferred_mode if {
	rule.deny == {{
		"resource": "Sessions",
		"path": ["Resources", "Sessions", "Properties", "TransitEncryptionMode"],
		"message": "replication group still accepts unencrypted connections (TransitEncryptionMode is preferred)",
	}} with input as group({"TransitEncryptionEnabled": true, "TransitEncryptionMode": "preferred"})
}

test_group_compliant_or_unknown if {
	count(rule.deny) == 0 with input as group({"TransitEncryptionEnabled": true})
	count(rule.deny) == 0 with input as group({"TransitEncryptionEnabled": "true", "TransitEncryptionMode": "required"})
	count(rule.deny) == 0 with input as group({"TransitEncryptionEnabled": {"__unknown__": true, "expr": "Ref Tls", "ref": "Tls"}})
}

test_memcached if {
	rule.deny == {{
		"resource": "Sessions",
		"path": ["Resources", "Sessions", "Properties", "TransitEncryptionEnabled"],
		"message": "memcached cluster does not encrypt traffic in transit (TransitEncryptionEnabled is not true)",
	}} with input as memcached({"CacheNodeType": "cache.t4g.small", "NumCacheNodes": 2})
	count(rule.deny) == 1 with input as memcached({"EngineVersion": "1.6.12"})
	count(rule.deny) == 1 with input as memcached({"EngineVersion": "1.6.22"})
	count(rule.deny) == 0 with input as memcached({"EngineVersion": "1.6.22", "TransitEncryptionEnabled": true})
}

test_memcached_versions_without_tls if {
	count(rule.deny) == 0 with input as memcached({"EngineVersion": "1.6.6"})
	count(rule.deny) == 0 with input as memcached({"EngineVersion": "1.5.16"})
	count(rule.deny) == 0 with input as memcached({"EngineVersion": {"__unknown__": true, "expr": "Ref Version", "ref": "Version"}})
}

test_redis_cache_cluster_and_serverless_not_reported if {
	count(rule.deny) == 0 with input as res("AWS::ElastiCache::CacheCluster", {"Engine": "redis"})
	count(rule.deny) == 0 with input as res("AWS::ElastiCache::ServerlessCache", {"Engine": "redis"})
}
