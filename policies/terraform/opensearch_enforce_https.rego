# METADATA
# title: OpenSearch domain accepts only HTTPS with TLS 1.2 or later
# description: >-
#   A domain endpoint accepts plain HTTP unless
#   domain_endpoint_options sets enforce_https (the provider defaults it to
#   true inside the block; without the block AWS leaves HTTP open),
#   and its default TLS policy (Policy-Min-TLS-1-0-2019-07) accepts TLS 1.0 and
#   1.1. Both are reported separately.
# custom:
#   id: aws-opensearch-enforce-https
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_opensearch_domain", "aws_elasticsearch_domain"]
#   remediation: >-
#     Add domain_endpoint_options { enforce_https = true, tls_security_policy =
#     "Policy-Min-TLS-1-2-PFS-2023-10" } (or Policy-Min-TLS-1-2-2019-07).
package tollgate.terraform.opensearch_enforce_https

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.tf
import data.tollgate.terraform.opensearch_encryption_at_rest as at_rest

tls12_policies := {"Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"}

deny contains f if {
	some i, r in at_rest.domains
	encryption.unset_or_false(enforce_https(r))
	f := tf.finding(i, ["domain_endpoint_options", 0, "enforce_https"], "domain endpoint accepts plain HTTP (domain_endpoint_options.enforce_https is not true)")
}

deny contains f if {
	some i, r in at_rest.domains
	options := encryption.lookup(r.values, ["domain_endpoint_options", 0], {})
	not core.is_unknown(options)
	policy := object.get(options, "tls_security_policy", null)
	label := tls_policy(policy)
	not label in tls12_policies
	f := tf.finding(i, ["domain_endpoint_options", 0, "tls_security_policy"], sprintf("domain endpoint TLS policy %s accepts TLS versions older than 1.2", [label]))
}

tls_policy(p) := p if is_string(p)

tls_policy(null) := "Policy-Min-TLS-1-0-2019-07"

# Without the block AWS leaves HTTP open; inside it the provider defaults
# enforce_https to true.
enforce_https(r) := encryption.lookup(r.values, ["domain_endpoint_options", 0, "enforce_https"], true) if {
	count(tf.value(r, ["domain_endpoint_options"], [])) > 0
} else := encryption.lookup(r.values, ["domain_endpoint_options"], false)
