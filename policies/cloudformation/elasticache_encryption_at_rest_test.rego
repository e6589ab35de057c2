package tollgate.cloudformation.elasticache_encryption_at_rest_test

import rego.v1

import data.tollgate.cloudformation.elasticache_encryption_at_rest as rule

group(props) := {"Resources": {"Sessions": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": props}}}

test_missing if {
	rule.deny == {{
		"resource": "Sessions",
		"path": ["Resources", "Sessions", "Properties", "AtRestEncryptionEnabled"],
		"message": "replication group does not encrypt data at rest (AtRestEncryptionEnabled is not true)",
	}} with input as group({"Engine": "redis", "CacheNodeType": "cache.r7g.large"})
	count(rule.deny) == 1 with input as group({"AtRestEncryptionEnabled": "false"})
}

test_enabled_or_unknown if {
	count(rule.deny) == 0 with input as group({"AtRestEncryptionEnabled": true})
	count(rule.deny) == 0 with input as group({"AtRestEncryptionEnabled": {"__unknown__": true, "expr": "Ref Encrypt", "ref": "Encrypt"}})
}

test_serverless_and_cluster_not_reported if {
	count(rule.deny) == 0 with input as {"Resources": {
		"S": {"Type": "AWS::ElastiCache::ServerlessCache", "Properties": {"Engine": "valkey"}},
		"C": {"Type": "AWS::ElastiCache::CacheCluster", "Properties": {"Engine": "memcached"}},
	}}
}
