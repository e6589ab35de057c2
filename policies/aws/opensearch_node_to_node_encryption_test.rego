package tollgate.aws.opensearch_node_to_node_encryption_test

import rego.v1

import data.tollgate.aws.opensearch_node_to_node_encryption as rule

# CloudFormation (and CDK)

domain(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Search": {"Type": type, "Properties": props}}}

test_cloudformation_missing if {
	rule.deny == {{
		"resource": "Search",
		"path": ["Resources", "Search", "Properties", "NodeToNodeEncryptionOptions", "Enabled"],
		"message": "domain does not encrypt traffic between nodes (NodeToNodeEncryptionOptions.Enabled is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as domain("AWS::OpenSearchService::Domain", {})
	count(rule.deny) == 1 with input as domain("AWS::Elasticsearch::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": false}})
}

test_cloudformation_enabled_or_unknown if {
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": true}})
	count(rule.deny) == 0 with input as domain("AWS::Elasticsearch::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": "true"}})
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": {"__unknown__": true, "expr": "Ref N2N", "ref": "N2N"}}})
}

# Terraform

doc(type, values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_terraform_missing if {
	rule.deny == {{"resource": "aws_elasticsearch_domain.main", "path": ["resources", 0, "values", "node_to_node_encryption", 0, "enabled"], "message": "domain does not encrypt traffic between nodes (node_to_node_encryption.enabled is not true)", "remediation": rule.fix.terraform}} with input as doc("aws_elasticsearch_domain", {"domain_name": "search"})
	count(rule.deny) == 1 with input as doc("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": "false"}]})
}

test_terraform_enabled_or_unknown if {
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": true}]})
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"node_to_node_encryption": [{"enabled": unknown}]})
}
