# METADATA
# title: ElastiCache replication group encrypts data at rest
# description: >-
#   Redis OSS and Valkey replication groups keep backups, swap and data synced
#   to disk unencrypted unless AtRestEncryptionEnabled is true, and it can only
#   be set at creation. ElastiCache Serverless caches are always encrypted and
#   are not reported. With require_customer_managed_keys on, an
#   encrypted group without KmsKeyId (or with an alias/aws/ key) uses the
#   default ElastiCache key and is reported too.
# custom:
#   id: aws-elasticache-encryption-at-rest
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ElastiCache::ReplicationGroup", "aws_elasticache_replication_group"]
#   remediation: Set AtRestEncryptionEnabled to true (and KmsKeyId to a customer-managed key).
package tollgate.aws.elasticache_encryption_at_rest

import rego.v1

import data.tollgate.lib.aws.elasticache
import data.tollgate.lib.aws.kms
import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set AtRestEncryptionEnabled to true (and KmsKeyId to a customer-managed key).",
	"terraform": "Set at_rest_encryption_enabled = true (and kms_key_id to a customer-managed key).",
}

deny contains f if {
	some g in elasticache.replication_groups
	encryption.unset_or_false(view.value_or(g, "at_rest_encryption", false))
	f := view.finding(g, "at_rest_encryption", sprintf("replication group does not encrypt data at rest (%s is not true)", [view.spelled(g, "at_rest_encryption")]), fix)
}

# Undecided where at_rest_encryption is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(elasticache.replication_groups, ["at_rest_encryption"])
}

# The remediation under require_customer_managed_keys.
key_fix := {
	"cloudformation": "Set KmsKeyId to a customer-managed KMS key (for example !GetAtt CacheKey.Arn).",
	"terraform": "Set kms_key_id to a customer-managed KMS key (for example aws_kms_key.cache.arn).",
}

deny contains f if {
	some g in elasticache.replication_groups
	core.is_true(view.value_or(g, "at_rest_encryption", false))
	f := kms.aws_key_finding(g, view.field(g, g.paths.kms_key), "replication group", "the default ElastiCache key", key_fix)
}
