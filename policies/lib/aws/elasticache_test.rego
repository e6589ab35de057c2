package tollgate.lib.aws.elasticache_test

import rego.v1

import data.tollgate.lib.aws.elasticache
import data.tollgate.lib.view

cfn := {"tollgate": {"format": "cloudformation"}, "Resources": {
	"G": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"AtRestEncryptionEnabled": true, "TransitEncryptionEnabled": true, "TransitEncryptionMode": "preferred"}},
	"C": {"Type": "AWS::ElastiCache::CacheCluster", "Properties": {"Engine": "memcached", "EngineVersion": "1.6.22", "TransitEncryptionEnabled": false}},
}}

tf := {"tollgate": {"format": "terraform"}, "resources": [
	{"address": "aws_elasticache_cluster.c", "mode": "managed", "type": "aws_elasticache_cluster", "values": {"engine": "memcached", "engine_version": "1.6.22", "transit_encryption_enabled": false}},
	{"address": "aws_elasticache_replication_group.g", "mode": "managed", "type": "aws_elasticache_replication_group", "values": {"at_rest_encryption_enabled": true, "transit_encryption_enabled": true, "transit_encryption_mode": "preferred"}},
]}

test_replication_groups if {
	g := elasticache.replication_groups.G with input as cfn
	h := elasticache.replication_groups[1] with input as tf
	every v in [g, h] {
		[view.value(v, "at_rest_encryption"), view.value(v, "transit_encryption"), view.value(v, "transit_encryption_mode")] == [true, true, "preferred"]
	}
	_transit_encryption_mode := view.field_of(h, "transit_encryption_mode")
	_transit_encryption_mode.path == ["resources", 1, "values", "transit_encryption_mode"]
}

test_clusters if {
	c := elasticache.clusters.C with input as cfn
	d := elasticache.clusters[0] with input as tf
	every v in [c, d] {
		[view.value(v, "engine"), view.value(v, "engine_version"), view.value(v, "transit_encryption")] == ["memcached", "1.6.22", false]
	}
	_transit_encryption := view.field_of(c, "transit_encryption")
	_transit_encryption.path == ["Resources", "C", "Properties", "TransitEncryptionEnabled"]
}

test_memcached_tls_versions if {
	every v in ["latest", "1.6.12", "1.6.22", "1.7", "2.0.1"] {
		elasticache.memcached_supports_tls(v)
	}
	every v in ["1.6.6", "1.5.16", "1.6", "1", "x", 1.6] {
		not elasticache.memcached_supports_tls(v)
	}
}
