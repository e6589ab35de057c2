# METADATA
# title: ElastiCache replication group encrypts data at rest
# description: >-
#   Redis OSS and Valkey replication groups keep backups, swap and data synced
#   to disk unencrypted unless AtRestEncryptionEnabled is true, and it can only
#   be set at creation. ElastiCache Serverless caches are always encrypted and
#   are not reported.
# custom:
#   id: aws-elasticache-encryption-at-rest
#   severity: high
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::ElastiCache::ReplicationGroup"]
#   remediation: Set AtRestEncryptionEnabled to true (and KmsKeyId to a customer-managed key).
package tollgate.cloudformation.elasticache_encryption_at_rest

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	encryption.unset_or_false(encryption.prop(r, ["AtRestEncryptionEnabled"], false))
	f := cfn.finding(name, ["AtRestEncryptionEnabled"], "replication group does not encrypt data at rest (AtRestEncryptionEnabled is not true)")
}
