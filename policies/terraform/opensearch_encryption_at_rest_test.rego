package tollgate.terraform.opensearch_encryption_at_rest_test

import rego.v1

import data.tollgate.terraform.opensearch_encryption_at_rest as rule

doc(type, values) := {"resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_missing if {
	rule.deny == {{"resource": "aws_opensearch_domain.main", "path": ["resources", 0, "values", "encrypt_at_rest", 0, "enabled"], "message": "domain does not encrypt data at rest (encrypt_at_rest.enabled is not true)"}} with input as doc("aws_opensearch_domain", {"domain_name": "search"})
	count(rule.deny) == 1 with input as doc("aws_elasticsearch_domain", {"encrypt_at_rest": [{"enabled": false}]})
	count(rule.deny) == 1 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": []})
}

test_enabled_or_unknown if {
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true}]})
	count(rule.deny) == 0 with input as doc("aws_elasticsearch_domain", {"encrypt_at_rest": [{"enabled": unknown}]})
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": [unknown]})
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": unknown})
}
