package tollgate.cloudformation.opensearch_encryption_at_rest_test

import rego.v1

import data.tollgate.cloudformation.opensearch_encryption_at_rest as rule

domain(type, props) := {"Resources": {"Search": {"Type": type, "Properties": props}}}

test_missing if {
	every t in rule.domain_types {
		rule.deny == {{
			"resource": "Search",
			"path": ["Resources", "Search", "Properties", "EncryptionAtRestOptions", "Enabled"],
			"message": "domain does not encrypt data at rest (EncryptionAtRestOptions.Enabled is not true)",
		}} with input as domain(t, {"EngineVersion": "OpenSearch_2.13"})
	}
}

test_disabled if {
	count(rule.deny) == 1 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": false}})
	count(rule.deny) == 1 with input as domain("AWS::Elasticsearch::Domain", {"EncryptionAtRestOptions": {"Enabled": "false", "KmsKeyId": "alias/search"}})
}

test_enabled if {
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": true}})
	count(rule.deny) == 0 with input as domain("AWS::Elasticsearch::Domain", {"EncryptionAtRestOptions": {"Enabled": "true"}})
}

test_unknown if {
	u := {"__unknown__": true, "expr": "Fn::If Encrypt"}
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": u})
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": u}})
}
