package tollgate.cloudformation.opensearch_node_to_node_encryption_test

import rego.v1

import data.tollgate.cloudformation.opensearch_node_to_node_encryption as rule

domain(type, props) := {"Resources": {"Search": {"Type": type, "Properties": props}}}

test_missing if {
	rule.deny == {{
		"resource": "Search",
		"path": ["Resources", "Search", "Properties", "NodeToNodeEncryptionOptions", "Enabled"],
		"message": "domain does not encrypt traffic between nodes (NodeToNodeEncryptionOptions.Enabled is not true)",
	}} with input as domain("AWS::OpenSearchService::Domain", {})
	count(rule.deny) == 1 with input as domain("AWS::Elasticsearch::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": false}})
}

test_enabled_or_unknown if {
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": true}})
	count(rule.deny) == 0 with input as domain("AWS::Elasticsearch::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": "true"}})
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"NodeToNodeEncryptionOptions": {"Enabled": {"__unknown__": true, "expr": "Ref N2N", "ref": "N2N"}}})
}
