package tollgate.terraform.sqs_queue_encryption_test

import rego.v1

import data.tollgate.terraform.sqs_queue_encryption as rule

doc(values) := {"resources": [{"address": "aws_sqs_queue.main", "mode": "managed", "type": "aws_sqs_queue", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_sse_disabled_without_key if {
	rule.deny == {{"resource": "aws_sqs_queue.main", "path": ["resources", 0, "values", "sqs_managed_sse_enabled"], "message": "queue stores messages unencrypted (sqs_managed_sse_enabled is false and kms_master_key_id is not set)"}} with input as doc({"sqs_managed_sse_enabled": false})
	count(rule.deny) == 1 with input as doc({"sqs_managed_sse_enabled": "false", "kms_master_key_id": null})
}

test_default_is_sse_sqs if {
	count(rule.deny) == 0 with input as doc({"name": "orders"})
	count(rule.deny) == 0 with input as doc({"sqs_managed_sse_enabled": null})
}

test_kms_or_unknown if {
	count(rule.deny) == 0 with input as doc({"sqs_managed_sse_enabled": false, "kms_master_key_id": key})
	count(rule.deny) == 0 with input as doc({"sqs_managed_sse_enabled": unknown})
}
