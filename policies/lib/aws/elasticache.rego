# METADATA
# description: ElastiCache replication groups and clusters as one view (see lib/view.rego).
package tollgate.lib.aws.elasticache

import rego.v1

import data.tollgate.lib.view

replication_groups := view.resources({
	"cloudformation": {"type": "AWS::ElastiCache::ReplicationGroup", "fields": {
		"at_rest_encryption": ["AtRestEncryptionEnabled"],
		"kms_key": ["KmsKeyId"],
		"transit_encryption": ["TransitEncryptionEnabled"],
		"transit_encryption_mode": ["TransitEncryptionMode"],
	}},
	"terraform": {"type": "aws_elasticache_replication_group", "fields": {
		"at_rest_encryption": ["at_rest_encryption_enabled"],
		"kms_key": ["kms_key_id"],
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

# memcached_supports_tls holds for Memcached engine versions with in-transit
# encryption (1.6.12 and later; "latest" when unset).
memcached_supports_tls("latest")

memcached_supports_tls(v) if {
	parts := version_parts(v)
	count(parts) >= 3
	[parts[0], parts[1], parts[2]] >= [1, 6, 12]
}

memcached_supports_tls(v) if {
	parts := version_parts(v)
	count(parts) == 2
	[parts[0], parts[1]] >= [1, 7]
}

version_parts(v) := [to_number(p) | some p in split(v, "."); regex.match(`^[0-9]+$`, p)] if is_string(v)
