# METADATA
# title: OpenSearch domain encrypts data at rest
# description: >-
#   OpenSearch and Elasticsearch domains store indices, logs, swap files and
#   automated snapshots unencrypted unless EncryptionAtRestOptions.Enabled is
#   true; it cannot be disabled once on, and old Elasticsearch versions
#   (before 5.1) must be upgraded to get it.
# custom:
#   id: aws-opensearch-encryption-at-rest
#   severity: high
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   remediation: Set EncryptionAtRestOptions.Enabled to true (and EncryptionAtRestOptions.KmsKeyId to a customer-managed key).
package tollgate.cloudformation.opensearch_encryption_at_rest

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

domain_types := {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"}

deny contains f if {
	some name, r in cfn.resources_in(domain_types)
	encryption.unset_or_false(encryption.prop(r, ["EncryptionAtRestOptions", "Enabled"], false))
	f := cfn.finding(name, ["EncryptionAtRestOptions", "Enabled"], "domain does not encrypt data at rest (EncryptionAtRestOptions.Enabled is not true)")
}
