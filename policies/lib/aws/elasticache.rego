# METADATA
# description: ElastiCache replication groups and clusters as one view (see lib/view.rego).
package tollgate.lib.aws.elasticache

import rego.v1

import data.tollgate.lib.view

replication_groups := view.resources({
	"cloudformation": {"type": "AWS::ElastiCache::ReplicationGroup", "fields": {
		"at_rest_encryption": ["AtRestEncryptionEnabled"],
		"transit_encryption": ["TransitEncryptionEnabled"],
		"transit_encryption_mode": ["TransitEncryptionMode"],
	}},
	"terraform": {"type": "aws_elasticache_replication_group", "fields": {
		"at_rest_encryption": ["at_rest_encryption_enabled"],
		"transit_encryption": ["transit_encryption_enabled"],
		"transit_encryption_mode": ["transit_encryption_mode"],
	}},
})

# clusters are single-node clusters (Memcached, or Redis outside a
# replication group).
clusters := view.resources({
	"cloudformation": {"type": "AWS::ElastiCache::CacheCluster", "fields": {
		"engine": ["Engine"],
		"engine_version": ["EngineVersion"],
		"transit_encryption": ["TransitEncryptionEnabled"],
	}},
	"terraform": {"type": "aws_elasticache_cluster", "fields": {
		"engine": ["engine"],
		"engine_version": ["engine_version"],
		"transit_encryption": ["transit_encryption_enabled"],
	}},
})
