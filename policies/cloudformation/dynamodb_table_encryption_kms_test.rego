package tollgate.cloudformation.dynamodb_table_encryption_kms_test

import rego.v1

import data.tollgate.cloudformation.dynamodb_table_encryption_kms as rule

table(type, props) := {"Resources": {"Orders": {"Type": type, "Properties": props}}}

test_default_aws_owned_key if {
	every t in rule.types {
		rule.deny == {{
			"resource": "Orders",
			"path": ["Resources", "Orders", "Properties", "SSESpecification", "SSEEnabled"],
			"message": "table is encrypted with an AWS-owned key rather than KMS (SSESpecification.SSEEnabled is not true)",
		}} with input as table(t, {"BillingMode": "PAY_PER_REQUEST"})
		count(rule.deny) == 1 with input as table(t, {"SSESpecification": {"SSEEnabled": false}})
	}
}

test_wrong_sse_type if {
	rule.deny == {{
		"resource": "Orders",
		"path": ["Resources", "Orders", "Properties", "SSESpecification", "SSEType"],
		"message": "table encryption type is AES256 rather than KMS",
	}} with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true, "SSEType": "AES256"}})
}

test_kms if {
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true}})
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": "true", "SSEType": "KMS", "KMSMasterKeyId": "alias/orders"}})
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::GlobalTable", {"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS"}})
}

test_unknown if {
	u := {"__unknown__": true, "expr": "Fn::If UseKms"}
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": u})
	count(rule.deny) == 0 with input as table("AWS::DynamoDB::Table", {"SSESpecification": {"SSEEnabled": true, "SSEType": u}})
}
