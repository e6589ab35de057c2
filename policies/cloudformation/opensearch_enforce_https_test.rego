package tollgate.cloudformation.opensearch_enforce_https_test

import rego.v1

import data.tollgate.cloudformation.opensearch_enforce_https as rule

domain(props) := {"Resources": {"Search": {"Type": "AWS::OpenSearchService::Domain", "Properties": props}}}

https_finding := {
	"resource": "Search",
	"path": ["Resources", "Search", "Properties", "DomainEndpointOptions", "EnforceHTTPS"],
	"message": "domain endpoint accepts plain HTTP (DomainEndpointOptions.EnforceHTTPS is not true)",
}

tls_finding(p) := {
	"resource": "Search",
	"path": ["Resources", "Search", "Properties", "DomainEndpointOptions", "TLSSecurityPolicy"],
	"message": sprintf("domain endpoint TLS policy %s accepts TLS versions older than 1.2", [p]),
}

test_defaults_allow_http_and_tls10 if {
	rule.deny == {https_finding, tls_finding("Policy-Min-TLS-1-0-2019-07")} with input as domain({})
}

test_https_with_default_policy if {
	rule.deny == {tls_finding("Policy-Min-TLS-1-0-2019-07")} with input as domain({"DomainEndpointOptions": {"EnforceHTTPS": true}})
}

test_http_with_modern_policy if {
	rule.deny == {https_finding} with input as domain({"DomainEndpointOptions": {"EnforceHTTPS": "false", "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"}})
}

test_compliant if {
	count(rule.deny) == 0 with input as domain({"DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"}})
	count(rule.deny) == 0 with input as {"Resources": {"Search": {"Type": "AWS::Elasticsearch::Domain", "Properties": {"DomainEndpointOptions": {"EnforceHTTPS": "true", "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"}}}}}
}

test_unknown if {
	u := {"__unknown__": true, "expr": "Ref TlsPolicy", "ref": "TlsPolicy"}
	count(rule.deny) == 0 with input as domain({"DomainEndpointOptions": u})
	count(rule.deny) == 0 with input as domain({"DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": u}})
}
