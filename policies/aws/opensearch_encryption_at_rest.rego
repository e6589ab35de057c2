# METADATA
# title: OpenSearch domain encrypts data at rest
# description: >-
#   OpenSearch and Elasticsearch domains store indices, logs, swap files and
#   automated snapshots unencrypted unless EncryptionAtRestOptions.Enabled is
#   true; it cannot be disabled once on, and old Elasticsearch versions
#   (before 5.1) must be upgraded to get it. With
#   require_customer_managed_keys on, an encrypted domain without KmsKeyId (or
#   with an alias/aws/ key) uses the AWS-managed key aws/es and is reported too.
# custom:
#   id: aws-opensearch-encryption-at-rest
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain", "aws_elasticsearch_domain", "aws_opensearch_domain"]
#   remediation: Set EncryptionAtRestOptions.Enabled to true (and EncryptionAtRestOptions.KmsKeyId to a customer-managed key).
package tollgate.aws.opensearch_encryption_at_rest

import rego.v1

import data.tollgate.lib.aws.kms
import data.tollgate.lib.aws.opensearch
import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set EncryptionAtRestOptions.Enabled to true (and EncryptionAtRestOptions.KmsKeyId to a customer-managed key).",
	"terraform": "Add encrypt_at_rest { enabled = true } (and kms_key_id to a customer-managed key).",
}

deny contains f if {
	some d in opensearch.domains
	encryption.unset_or_false(view.value_or(d, "encryption_at_rest", false))
	f := view.finding(d, "encryption_at_rest", sprintf("domain does not encrypt data at rest (%s is not true)", [view.spelled(d, "encryption_at_rest")]), fix)
}

# Undecided where encryption_at_rest is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(opensearch.domains, ["encryption_at_rest"])
}

# The remediation under require_customer_managed_keys.
key_fix := {
	"cloudformation": "Set EncryptionAtRestOptions.KmsKeyId to a customer-managed KMS key (for example !GetAtt SearchKey.Arn).",
	"terraform": "Set kms_key_id in encrypt_at_rest to a customer-managed KMS key (for example aws_kms_key.search.arn).",
}

deny contains f if {
	some d in opensearch.domains
	core.is_true(view.value_or(d, "encryption_at_rest", false))
	f := kms.aws_key_finding(d, view.field(d, d.paths.kms_key), "domain", "the AWS-managed key aws/es", key_fix)
}
