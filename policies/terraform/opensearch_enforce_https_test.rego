package tollgate.terraform.opensearch_enforce_https_test

import rego.v1

import data.tollgate.terraform.opensearch_enforce_https as rule

doc(type, values) := {"resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_no_block if {
	rule.deny == {
		{"resource": "aws_opensearch_domain.main", "path": ["resources", 0, "values", "domain_endpoint_options", 0, "enforce_https"], "message": "domain endpoint accepts plain HTTP (domain_endpoint_options.enforce_https is not true)"},
		{"resource": "aws_opensearch_domain.main", "path": ["resources", 0, "values", "domain_endpoint_options", 0, "tls_security_policy"], "message": "domain endpoint TLS policy Policy-Min-TLS-1-0-2019-07 accepts TLS versions older than 1.2"},
	} with input as doc("aws_opensearch_domain", {"domain_name": "search"})
}

test_block_defaults_enforce_https if {
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"domain_endpoint_options": [{"tls_security_policy": "Policy-Min-TLS-1-2-PFS-2023-10"}]})
	count(rule.deny) == 1 with input as doc("aws_opensearch_domain", {"domain_endpoint_options": [{"enforce_https": false, "tls_security_policy": "Policy-Min-TLS-1-2-2019-07"}]})
}

test_old_tls_policy if {
	rule.deny == {{"resource": "aws_elasticsearch_domain.main", "path": ["resources", 0, "values", "domain_endpoint_options", 0, "tls_security_policy"], "message": "domain endpoint TLS policy Policy-Min-TLS-1-0-2019-07 accepts TLS versions older than 1.2"}} with input as doc("aws_elasticsearch_domain", {"domain_endpoint_options": [{"enforce_https": true, "tls_security_policy": "Policy-Min-TLS-1-0-2019-07"}]})
	count(rule.deny) == 1 with input as doc("aws_elasticsearch_domain", {"domain_endpoint_options": [{"enforce_https": true, "tls_security_policy": null}]})
}

test_unknown if {
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"domain_endpoint_options": [unknown]})
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"domain_endpoint_options": [{"enforce_https": unknown, "tls_security_policy": unknown}]})
}
