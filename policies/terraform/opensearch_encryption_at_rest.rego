# METADATA
# title: OpenSearch domain encrypts data at rest
# description: >-
#   aws_opensearch_domain and aws_elasticsearch_domain store indices, logs,
#   swap files and automated snapshots unencrypted unless
#   encrypt_at_rest { enabled = true }; it cannot be disabled once on.
# custom:
#   id: aws-opensearch-encryption-at-rest
#   severity: high
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_opensearch_domain", "aws_elasticsearch_domain"]
#   remediation: Add encrypt_at_rest { enabled = true } (and kms_key_id to a customer-managed key).
package tollgate.terraform.opensearch_encryption_at_rest

import rego.v1

import data.tollgate.lib.encryption
import data.tollgate.lib.tf

domain_types := {"aws_opensearch_domain", "aws_elasticsearch_domain"}

domains := {i: r |
	some i, r in input.resources
	r.mode == "managed"
	r.type in domain_types
}

deny contains f if {
	some i, r in domains
	encryption.unset_or_false(encryption.lookup(r.values, ["encrypt_at_rest", 0, "enabled"], false))
	f := tf.finding(i, ["encrypt_at_rest", 0, "enabled"], "domain does not encrypt data at rest (encrypt_at_rest.enabled is not true)")
}
