package tollgate.aws.opensearch_encryption_at_rest_test

import rego.v1

import data.tollgate.aws.opensearch_encryption_at_rest as rule

# CloudFormation (and CDK)

domain(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Search": {"Type": type, "Properties": props}}}

test_cloudformation_missing if {
	every t in {"AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"} {
		rule.deny == {{
			"resource": "Search",
			"path": ["Resources", "Search", "Properties", "EncryptionAtRestOptions", "Enabled"],
			"message": "domain does not encrypt data at rest (EncryptionAtRestOptions.Enabled is not true)",
			"remediation": rule.fix.cloudformation,
		}} with input as domain(t, {"EngineVersion": "OpenSearch_2.13"})
	}
}

test_cloudformation_disabled if {
	count(rule.deny) == 1 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": false}})
	count(rule.deny) == 1 with input as domain("AWS::Elasticsearch::Domain", {"EncryptionAtRestOptions": {"Enabled": "false", "KmsKeyId": "alias/search"}})
}

test_cloudformation_enabled if {
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": true}})
	count(rule.deny) == 0 with input as domain("AWS::Elasticsearch::Domain", {"EncryptionAtRestOptions": {"Enabled": "true"}})
}

test_cloudformation_unknown if {
	u := {"__unknown__": true, "expr": "Fn::If Encrypt"}
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": u})
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": u}})
}

# Terraform

doc(type, values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_terraform_missing if {
	rule.deny == {{"resource": "aws_opensearch_domain.main", "path": ["resources", 0, "values", "encrypt_at_rest", 0, "enabled"], "message": "domain does not encrypt data at rest (encrypt_at_rest.enabled is not true)", "remediation": rule.fix.terraform}} with input as doc("aws_opensearch_domain", {"domain_name": "search"})
	count(rule.deny) == 1 with input as doc("aws_elasticsearch_domain", {"encrypt_at_rest": [{"enabled": false}]})
	count(rule.deny) == 1 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": []})
}

test_terraform_enabled_or_unknown if {
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true}]})
	count(rule.deny) == 0 with input as doc("aws_elasticsearch_domain", {"encrypt_at_rest": [{"enabled": unknown}]})
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": [unknown]})
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": unknown})
}
