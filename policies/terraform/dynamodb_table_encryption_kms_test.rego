package tollgate.terraform.dynamodb_table_encryption_kms_test

import rego.v1

import data.tollgate.terraform.dynamodb_table_encryption_kms as rule

doc(values) := {"resources": [{"address": "aws_dynamodb_table.main", "mode": "managed", "type": "aws_dynamodb_table", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_missing if {
	rule.deny == {{"resource": "aws_dynamodb_table.main", "path": ["resources", 0, "values", "server_side_encryption", 0, "enabled"], "message": "table is encrypted with an AWS-owned key rather than KMS (server_side_encryption.enabled is not true)"}} with input as doc({"name": "orders", "hash_key": "id"})
	count(rule.deny) == 1 with input as doc({"server_side_encryption": []})
	count(rule.deny) == 1 with input as doc({"server_side_encryption": [{"enabled": false}]})
}

test_kms if {
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [{"enabled": true}]})
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [{"enabled": true, "kms_key_arn": key}]})
}

test_unknown if {
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [{"enabled": unknown}]})
	count(rule.deny) == 0 with input as doc({"server_side_encryption": [unknown]})
}
