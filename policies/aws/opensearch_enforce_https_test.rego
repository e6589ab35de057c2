package tollgate.aws.opensearch_enforce_https_test

import rego.v1

import data.tollgate.aws.opensearch_enforce_https as rule

# CloudFormation (and CDK)

domain(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Search": {"Type": "AWS::OpenSearchService::Domain", "Properties": props}}}

https_finding := {
	"resource": "Search",
	"path": ["Resources", "Search", "Properties", "DomainEndpointOptions", "EnforceHTTPS"],
	"message": "domain endpoint accepts plain HTTP (DomainEndpointOptions.EnforceHTTPS is not true)",
	"remediation": rule.fix.cloudformation,
}

tls_finding(p) := {
	"resource": "Search",
	"path": ["Resources", "Search", "Properties", "DomainEndpointOptions", "TLSSecurityPolicy"],
	"message": sprintf("domain endpoint TLS policy %s accepts TLS versions older than 1.2", [p]),
	"remediation": rule.fix.cloudformation,
}

test_cloudformation_defaults_allow_http_and_tls10 if {
	rule.deny == {https_finding, tls_finding("Policy-Min-TLS-1-0-2019-07")} with input as domain({})
}

test_cloudformation_https_with_default_policy if {
	rule.deny == {tls_finding("Policy-Min-TLS-1-0-2019-07")} with input as domain({"DomainEndpointOptions": {"EnforceHTTPS": true}})
}

test_cloudformation_http_with_modern_policy if {
	rule.deny == {https_finding} with input as domain({"DomainEndpointOptions": {"EnforceHTTPS": "false", "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"}})
}

test_cloudformation_compliant if {
	count(rule.deny) == 0 with input as domain({"DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"}})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Search": {"Type": "AWS::Elasticsearch::Domain", "Properties": {"DomainEndpointOptions": {"EnforceHTTPS": "true", "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"}}}}}
}

test_cloudformation_unknown if {
	u := {"__unknown__": true, "expr": "Ref TlsPolicy", "ref": "TlsPolicy"}
	count(rule.deny) == 0 with input as domain({"DomainEndpointOptions": u})
	count(rule.deny) == 0 with input as domain({"DomainEndpointOptions": {"EnforceHTTPS": true, "TLSSecurityPolicy": u}})
}

# Terraform

doc(type, values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_terraform_no_block if {
	rule.deny == {
		{"resource": "aws_opensearch_domain.main", "path": ["resources", 0, "values", "domain_endpoint_options", 0, "enforce_https"], "message": "domain endpoint accepts plain HTTP (domain_endpoint_options.enforce_https is not true)", "remediation": rule.fix.terraform},
		{"resource": "aws_opensearch_domain.main", "path": ["resources", 0, "values", "domain_endpoint_options", 0, "tls_security_policy"], "message": "domain endpoint TLS policy Policy-Min-TLS-1-0-2019-07 accepts TLS versions older than 1.2", "remediation": rule.fix.terraform},
	} with input as doc("aws_opensearch_domain", {"domain_name": "search"})
}

test_terraform_block_defaults_enforce_https if {
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"domain_endpoint_options": [{"tls_security_policy": "Policy-Min-TLS-1-2-PFS-2023-10"}]})
	count(rule.deny) == 1 with input as doc("aws_opensearch_domain", {"domain_endpoint_options": [{"enforce_https": false, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}]})
}

test_terraform_old_tls_policy if {
	rule.deny == {{"resource": "aws_elasticsearch_domain.main", "path": ["resources", 0, "values", "domain_endpoint_options", 0, "tls_security_policy"], "message": "domain endpoint TLS policy Policy-Min-TLS-1-0-2019-07 accepts TLS versions older than 1.2", "remediation": rule.fix.terraform}} with input as doc("aws_elasticsearch_domain", {"domain_endpoint_options": [{"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"}]})
	count(rule.deny) == 1 with input as doc("aws_elasticsearch_domain", {"domain_endpoint_options": [{"enforce_https": true, "tls_security_policy": null}]})
}

test_terraform_unknown if {
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"domain_endpoint_options": [unknown]})
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"domain_endpoint_options": [{"enforce_https": unknown, "tls_security_policy": unknown}]})
}
