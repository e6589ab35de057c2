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
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup", "aws_elasticache_cluster", "aws_elasticache_replication_group"]
#   remediation: >-
#     Set TransitEncryptionEnabled to true and leave TransitEncryptionMode unset
#     or set it to required.
package tollgate.aws.elasticache_encryption_in_transit

import rego.v1

import data.tollgate.lib.aws.elasticache
import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set TransitEncryptionEnabled to true and leave TransitEncryptionMode unset or set it to required.",
	"terraform": "Set transit_encryption_enabled = true and leave transit_encryption_mode unset or set it to \"required\".",
}

deny contains f if {
	some g in elasticache.replication_groups
	encryption.unset_or_false(view.value_or(g, "transit_encryption", false))
	f := view.finding(g, "transit_encryption", sprintf("replication group does not encrypt traffic in transit (%s is not true)", [view.spelled(g, "transit_encryption")]), fix)
}

# While a group migrates to TLS, "preferred" still accepts plain connections.
deny contains f if {
	some g in elasticache.replication_groups
	core.is_true(view.value_or(g, "transit_encryption", false))
	mode := view.value_or(g, "transit_encryption_mode", "required")
	is_string(mode)
	lower(mode) == "preferred"
	f := view.finding(g, "transit_encryption_mode", sprintf("replication group still accepts unencrypted connections (%s is preferred)", [view.spelled(g, "transit_encryption_mode")]), fix)
}

# Memcached clusters support TLS from 1.6.12; Redis clusters are checked
# through their replication group.
deny contains f if {
	some c in elasticache.clusters
	engine := view.value_or(c, "engine", "")
	is_string(engine)
	lower(engine) == "memcached"
	elasticache.memcached_supports_tls(view.value_or(c, "engine_version", "latest"))
	encryption.unset_or_false(view.value_or(c, "transit_encryption", false))
	f := view.finding(c, "transit_encryption", sprintf("memcached cluster does not encrypt traffic in transit (%s is not true)", [view.spelled(c, "transit_encryption")]), fix)
}
