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
#   formats: [cloudformation]
#   resource_types: ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   remediation: >-
#     Set DomainEndpointOptions.EnforceHTTPS to true and
#     DomainEndpointOptions.TLSSecurityPolicy to Policy-Min-TLS-1-2-PFS-2023-10
#     (or Policy-Min-TLS-1-2-2019-07).
package tollgate.cloudformation.opensearch_enforce_https

import rego.v1

import data.tollgate.cloudformation.opensearch_encryption_at_rest as at_rest
import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption

tls12_policies := {"Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"}

domains := cfn.resources_in(at_rest.domain_types)

deny contains f if {
	some name, r in domains
	encryption.unset_or_false(encryption.prop(r, ["DomainEndpointOptions", "EnforceHTTPS"], false))
	f := cfn.finding(name, ["DomainEndpointOptions", "EnforceHTTPS"], "domain endpoint accepts plain HTTP (DomainEndpointOptions.EnforceHTTPS is not true)")
}

deny contains f if {
	some name, r in domains
	options := encryption.prop(r, ["DomainEndpointOptions"], {})
	not core.is_unknown(options)
	policy := object.get(options, "TLSSecurityPolicy", "Policy-Min-TLS-1-0-2019-07")
	is_string(policy)
	not policy in tls12_policies
	f := cfn.finding(name, ["DomainEndpointOptions", "TLSSecurityPolicy"], sprintf("domain endpoint TLS policy %s accepts TLS versions older than 1.2", [policy]))
}
