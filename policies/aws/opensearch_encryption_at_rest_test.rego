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

# require_customer_managed_keys

cmk := {"require_customer_managed_keys": true}

test_cmk_missing_or_aws_managed_key if {
	rule.deny == {{
		"resource": "Search",
		"path": ["Resources", "Search", "Properties", "EncryptionAtRestOptions", "KmsKeyId"],
		"message": "domain is encrypted with the AWS-managed key aws/es, not a customer-managed key (EncryptionAtRestOptions.KmsKeyId is not set)",
		"remediation": rule.key_fix.cloudformation,
	}} with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": true}}) with data.tollgate.config as cmk
	rule.deny == {{
		"resource": "aws_opensearch_domain.main",
		"path": ["resources", 0, "values", "encrypt_at_rest", 0, "kms_key_id"],
		"message": "domain is encrypted with the AWS-managed key aws/es, not a customer-managed key (encrypt_at_rest.kms_key_id names an AWS-managed key)",
		"remediation": rule.key_fix.terraform,
	}} with input as doc("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:alias/aws/es"}]}) with data.tollgate.config as cmk
}

test_cmk_customer_or_unknown_key if {
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": true, "KmsKeyId": {"__unknown__": true, "expr": "GetAtt Key.Arn", "ref": "Key"}}}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": true, "KmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true, "kms_key_id": {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}}]}) with data.tollgate.config as cmk
}

test_cmk_off_keeps_aws_managed_key if {
	count(rule.deny) == 0 with input as domain("AWS::OpenSearchService::Domain", {"EncryptionAtRestOptions": {"Enabled": true}})
	count(rule.deny) == 0 with input as doc("aws_opensearch_domain", {"encrypt_at_rest": [{"enabled": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:alias/aws/es"}]}) with data.tollgate.config as {"require_customer_managed_keys": false}
}
