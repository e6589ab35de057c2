package tollgate.lib.aws.dynamodb_test

import rego.v1

import data.tollgate.lib.aws.dynamodb
import data.tollgate.lib.view

test_cloudformation_tables_and_global_tables if {
	every type in ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"] {
		t := dynamodb.tables.T with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"T": {"Type": type, "Properties": {"SSESpecification": {"SSEEnabled": true, "SSEType": "AES256"}}}}}
		[view.value(t, "sse_enabled"), view.value(t, "sse_type")] == [true, "AES256"]
	}
}

test_terraform if {
	t := dynamodb.tables[0] with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_dynamodb_table.t", "mode": "managed", "type": "aws_dynamodb_table", "values": {"server_side_encryption": [{"enabled": true}]}}]}
	[view.value(t, "sse_enabled"), view.value(t, "sse_type")] == [true, null]
	view.spelled(t, "sse_enabled") == "server_side_encryption.enabled"
}
