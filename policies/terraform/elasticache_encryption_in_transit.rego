# METADATA
# title: ElastiCache encrypts client and replication traffic
# description: >-
#   An aws_elasticache_replication_group accepts plaintext connections unless
#   transit_encryption_enabled is true, and with transit_encryption_mode
#   "preferred" (a migration setting) still accepts them. Memcached
#   aws_elasticache_cluster resources support in-transit encryption from
#   engine 1.6.12 and are reported when they use such a version (or leave it
#   to the default, the latest). Redis clusters (in-transit encryption is a
#   replication group setting) and serverless caches are not reported.
# custom:
#   id: aws-elasticache-encryption-in-transit
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_elasticache_replication_group", "aws_elasticache_cluster"]
#   remediation: >-
#     Set transit_encryption_enabled = true and leave transit_encryption_mode
#     unset or set it to "required".
package tollgate.terraform.elasticache_encryption_in_transit

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption

deny contains f if {
	some i, r in tf.resources("aws_elasticache_replication_group")
	encryption.unset_or_false(tf.value(r, ["transit_encryption_enabled"], false))
	f := tf.finding(i, ["transit_encryption_enabled"], "replication group does not encrypt traffic in transit (transit_encryption_enabled is not true)")
}

deny contains f if {
	some i, r in tf.resources("aws_elasticache_replication_group")
	core.is_true(tf.value(r, ["transit_encryption_enabled"], false))
	mode := tf.value(r, ["transit_encryption_mode"], "required")
	is_string(mode)
	lower(mode) == "preferred"
	f := tf.finding(i, ["transit_encryption_mode"], "replication group still accepts unencrypted connections (transit_encryption_mode is preferred)")
}

deny contains f if {
	some i, r in tf.resources("aws_elasticache_cluster")
	engine := tf.value(r, ["engine"], "")
	is_string(engine)
	lower(engine) == "memcached"
	tf_encryption.memcached_supports_tls(tf.value(r, ["engine_version"], "latest"))
	encryption.unset_or_false(tf.value(r, ["transit_encryption_enabled"], false))
	f := tf.finding(i, ["transit_encryption_enabled"], "memcached cluster does not encrypt traffic in transit (transit_encryption_enabled is not true)")
}
