package tollgate.terraform.opensearch_node_to_node_encryption_test

import rego.v1

import data.tollgate.terraform.opensearch_node_to_node_encryption as rule

doc(type, values) := {"resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_missing if {
	rule.deny == {{"resource": "aws_elasticsearch_domain.main", "path": ["resources", 0, "values", "node_to_node_encryption", 0, "enabled"], "message": "domain does not encrypt traffic between nodes (node_to_node_encryption.enabled is not true)"}} with input as doc("aws_elasticsearch_domain", {"domain_name": "search"})
	count(rule.deny) == 1 with input as doc("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": "false"}]})
}

test_enabled_or_unknown if {
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": true}]})
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": unknown}]})
}
