package tollgate.aws.dynamodb_table_encryption_kms_test

import rego.v1

import data.tollgate.aws.dynamodb_table_encryption_kms as rule

# CloudFormation (and CDK)

table(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Orders": {"Type": type, "Properties": props}}}

test_cloudformation_default_aws_owned_key if {
	every t in {"AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"} {
		rule.deny == {{
			"resource": "Orders",
			"path": ["Resources", "Orders", "Properties", "SSESpecification", "SSEEnabled"],
			"message": "table is encrypted with an AWS-owned key rather than KMS (SSESpecification.SSEEnabled is not true)",
			"remediation": rule.fix.cloudformation,
		}} with input as table(t, {"BillingMode": "PAY_PER_REQUEST"})
		count(rule.deny) == 1 with input as table(t, {"SSESpecification": {"SSEEnabled": false}})
	}
}

test_cloudformation_wrong_sse_type if {
	rule.deny == {{
		"resource": "Orders",
		"path": ["Resources", "Orders", "Properties", "SSESpecification", "SSEType"],
		"message": "table encryption type is AES256 rather than KMS",
		"remediation": rule.fix.cloudformation,
	}} with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true, "SSEType": "AES256"}})
}

test_cloudformation_kms if {
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true}})
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": "true", "SSEType": "KMS", "KMSMasterKeyId": "alias/orders"}})
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::GlobalTable", {"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS"}})
}

test_cloudformation_unknown if {
	u := {"__unknown__": true, "expr": "Fn::If UseKms"}
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": u})
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true, "SSEType": u}})
}

# Terraform

doc(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_dynamodb_table.main", "mode": "managed", "type": "aws_dynamodb_table", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_terraform_missing if {
	rule.deny == {{"resource": "aws_dynamodb_table.main", "path": ["resources", 0, "values", "server_side_encryption", 0, "enabled"], "message": "table is encrypted with an AWS-owned key rather than KMS (server_side_encryption.enabled is not true)", "remediation": rule.fix.terraform}} with input as doc({"name": "orders", "hash_key": "id"})
	count(rule.deny) == 1 with input as doc({"server_side_encryption": []})
	count(rule.deny) == 1 with input as doc({"server_side_encryption": [{"enabled": false}]})
}

test_terraform_kms if {
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [{"enabled": true}]})
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [{"enabled": true, "kms_key_arn": key}]})
}

test_terraform_unknown if {
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [{"enabled": unknown}]})
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [unknown]})
}

# require_customer_managed_keys

cmk := {"require_customer_managed_keys": true}

test_cmk_missing_or_aws_managed_key if {
	rule.deny == {{
		"resource": "Orders",
		"path": ["Resources", "Orders", "Properties", "SSESpecification", "KMSMasterKeyId"],
		"message": "table is encrypted with the AWS-managed key aws/dynamodb, not a customer-managed key (SSESpecification.KMSMasterKeyId is not set)",
		"remediation": rule.key_fix.cloudformation,
	}} with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true}}) with data.tollgate.config as cmk
	rule.deny == {{
		"resource": "aws_dynamodb_table.main",
		"path": ["resources", 0, "values", "server_side_encryption", 0, "kms_key_arn"],
		"message": "table is encrypted with the AWS-managed key aws/dynamodb, not a customer-managed key (server_side_encryption.kms_key_arn names an AWS-managed key)",
		"remediation": rule.key_fix.terraform,
	}} with input as doc({"server_side_encryption": [{"enabled": true, "kms_key_arn": "alias/aws/dynamodb"}]}) with data.tollgate.config as cmk
}

test_cmk_customer_or_unknown_key if {
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true, "KMSMasterKeyId": {"__unknown__": true, "expr": "GetAtt Key.Arn", "ref": "Key"}}}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true, "KMSMasterKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [{"enabled": true, "kms_key_arn": {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}}]}) with data.tollgate.config as cmk
}

test_cmk_off_keeps_aws_managed_key if {
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true}})
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [{"enabled": true, "kms_key_arn": "alias/aws/dynamodb"}]}) with data.tollgate.config as {"require_customer_managed_keys": false}
}
