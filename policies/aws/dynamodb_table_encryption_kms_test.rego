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
