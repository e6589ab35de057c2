# METADATA
# title: ElastiCache replication group encrypts data at rest
# description: >-
#   An aws_elasticache_replication_group (Redis OSS, Valkey) keeps backups,
#   swap and data synced to disk unencrypted unless at_rest_encryption_enabled
#   is true, and it can only be set at creation. Serverless caches are always
#   encrypted and are not reported.
# custom:
#   id: aws-elasticache-encryption-at-rest
#   severity: high
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_elasticache_replication_group"]
#   remediation: Set at_rest_encryption_enabled = true (and kms_key_id to a customer-managed key).
package tollgate.terraform.elasticache_encryption_at_rest

import rego.v1

import data.tollgate.lib.encryption
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_elasticache_replication_group")
	encryption.unset_or_false(tf.value(r, ["at_rest_encryption_enabled"], false))
	f := tf.finding(i, ["at_rest_encryption_enabled"], "replication group does not encrypt data at rest (at_rest_encryption_enabled is not true)")
}
