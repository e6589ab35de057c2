# METADATA
# title: OpenSearch domain accepts only HTTPS with TLS 1.2 or later
# description: >-
#   A domain endpoint accepts plain HTTP unless DomainEndpointOptions.EnforceHTTPS
#   is true, and its default TLS policy (Policy-Min-TLS-1-0-2019-07) still
#   accepts TLS 1.0 and 1.1. Both are reported separately, so fixing one does
#   not hide the other.
# custom:
#   id: aws-opensearch-enforce-https
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain", "aws_elasticsearch_domain", "aws_opensearch_domain"]
#   remediation: >-
#     Set DomainEndpointOptions.EnforceHTTPS to true and
#     DomainEndpointOptions.TLSSecurityPolicy to Policy-Min-TLS-1-2-PFS-2023-10
#     (or Policy-Min-TLS-1-2-2019-07).
package tollgate.aws.opensearch_enforce_https

import rego.v1

import data.tollgate.lib.aws.opensearch
import data.tollgate.lib.encryption
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set DomainEndpointOptions.EnforceHTTPS to true and DomainEndpointOptions.TLSSecurityPolicy to Policy-Min-TLS-1-2-PFS-2023-10 (or Policy-Min-TLS-1-2-2019-07).",
	"terraform": "Add domain_endpoint_options { enforce_https = true, tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\" } (or Policy-Min-TLS-1-2-2019-07).",
}

tls12_policies := {"Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"}

deny contains f if {
	some d in opensearch.domains
	encryption.unset_or_false(view.value_or(d, "enforce_https", false))
	f := view.finding(d, "enforce_https", sprintf("domain endpoint accepts plain HTTP (%s is not true)", [view.spelled(d, "enforce_https")]), fix)
}

# A missing policy is the service default, which accepts TLS 1.0; an
# unknown one (or an unknown endpoint block) may be any.
deny contains f if {
	some d in opensearch.domains
	policy := view.value_or(d, "tls_policy", "Policy-Min-TLS-1-0-2019-07")
	is_string(policy)
	not policy in tls12_policies
	f := view.finding(d, "tls_policy", sprintf("domain endpoint TLS policy %s accepts TLS versions older than 1.2", [policy]), fix)
}

# Undecided where enforce_https is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(opensearch.domains, ["enforce_https"])
}
