# METADATA
# title: ElastiCache encrypts client and replication traffic
# description: >-
#   Replication groups accept plaintext connections unless
#   TransitEncryptionEnabled is true, and with TransitEncryptionMode
#   "preferred" (a migration setting) they still accept them. Memcached cache
#   clusters support in-transit encryption from engine 1.6.12 and are reported
#   too when they use such a version (or leave it to the default, the latest).
#   Redis cache clusters are not reported (Redis in-transit encryption is a
#   replication group setting), nor serverless caches (always encrypted).
# custom:
#   id: aws-elasticache-encryption-in-transit
#   severity: medium
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"]
#   remediation: >-
#     Set TransitEncryptionEnabled to true and leave TransitEncryptionMode unset
#     or set it to required.
package tollgate.cloudformation.elasticache_encryption_in_transit

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	encryption.unset_or_false(encryption.prop(r, ["TransitEncryptionEnabled"], false))
	f := cfn.finding(name, ["TransitEncryptionEnabled"], "replication group does not encrypt traffic in transit (TransitEncryptionEnabled is not true)")
}

deny contains f if {
	some name, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	cfn.is_true(encryption.prop(r, ["TransitEncryptionEnabled"], false))
	mode := encryption.prop(r, ["TransitEncryptionMode"], "required")
	is_string(mode)
	lower(mode) == "preferred"
	f := cfn.finding(name, ["TransitEncryptionMode"], "replication group still accepts unencrypted connections (TransitEncryptionMode is preferred)")
}

deny contains f if {
	some name, r in cfn.resources("AWS::ElastiCache::CacheCluster")
	engine := encryption.prop(r, ["Engine"], "")
	is_string(engine)
	lower(engine) == "memcached"
	memcached_supports_tls(encryption.prop(r, ["EngineVersion"], "latest"))
	encryption.unset_or_false(encryption.prop(r, ["TransitEncryptionEnabled"], false))
	f := cfn.finding(name, ["TransitEncryptionEnabled"], "memcached cluster does not encrypt traffic in transit (TransitEncryptionEnabled is not true)")
}

memcached_supports_tls("latest")

memcached_supports_tls(v) if {
	is_string(v)
	parts := [to_number(p) | some p in split(v, "."); regex.match(`^[0-9]+$`, p)]
	count(parts) >= 3
	[parts[0], parts[1], parts[2]] >= [1, 6, 12]
}

memcached_supports_tls(v) if {
	is_string(v)
	parts := [to_number(p) | some p in split(v, "."); regex.match(`^[0-9]+$`, p)]
	count(parts) == 2
	[parts[0], parts[1]] >= [1, 7]
}
