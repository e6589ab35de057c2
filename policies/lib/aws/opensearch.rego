# METADATA
# description: OpenSearch and Elasticsearch domains as one view (see lib/view.rego).
package tollgate.lib.aws.opensearch

import rego.v1

import data.tollgate.lib.view

# domains: endpoint_options is the whole endpoint block, enforce_https and
# tls_policy the settings in it.
domains := {k: effective(d) | some k, d in view.resources({
	"cloudformation": {
		"type": ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"],
		"fields": {
			"encryption_at_rest": ["EncryptionAtRestOptions", "Enabled"],
			"kms_key": ["EncryptionAtRestOptions", "KmsKeyId"],
			"node_to_node_encryption": ["NodeToNodeEncryptionOptions", "Enabled"],
			"endpoint_options": ["DomainEndpointOptions"],
			"enforce_https": ["DomainEndpointOptions", "EnforceHTTPS"],
			"tls_policy": ["DomainEndpointOptions", "TLSSecurityPolicy"],
		},
	},
	"terraform": {
		"type": ["aws_opensearch_domain", "aws_elasticsearch_domain"],
		"fields": {
			"encryption_at_rest": ["encrypt_at_rest", 0, "enabled"],
			"kms_key": ["encrypt_at_rest", 0, "kms_key_id"],
			"node_to_node_encryption": ["node_to_node_encryption", 0, "enabled"],
			"endpoint_options": ["domain_endpoint_options"],
			"enforce_https": ["domain_endpoint_options", 0, "enforce_https"],
			"tls_policy": ["domain_endpoint_options", 0, "tls_security_policy"],
		},
	},
})}

# Without the endpoint block AWS leaves HTTP open, but inside it the
# Terraform provider defaults enforce_https to true (CloudFormation's
# EnforceHTTPS defaults to false wherever it is missing).
effective(d) := view.with_value(d, "enforce_https", true) if {
	d.family == "terraform"
	view.value(d, "enforce_https") == null
	count(view.value_or(d, "endpoint_options", [])) > 0
} else := d
