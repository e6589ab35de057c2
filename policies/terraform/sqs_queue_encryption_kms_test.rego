package tollgate.terraform.sqs_queue_encryption_kms_test

import rego.v1

import data.tollgate.terraform.sqs_queue_encryption_kms as rule

doc(values) := {"resources": [{"address": "aws_sqs_queue.main", "mode": "managed", "type": "aws_sqs_queue", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_sse_sqs_default if {
	rule.deny == {{"resource": "aws_sqs_queue.main", "path": ["resources", 0, "values", "kms_master_key_id"], "message": "queue is encrypted with SSE-SQS rather than a KMS key (kms_master_key_id is not set)"}} with input as doc({"name": "orders"})
	count(rule.deny) == 1 with input as doc({"sqs_managed_sse_enabled": true})
}

test_unencrypted_left_to_other_rule if {
	count(rule.deny) == 0 with input as doc({"sqs_managed_sse_enabled": false})
}

test_kms if {
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": "alias/aws/sqs"})
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": key, "kms_data_key_reuse_period_seconds": 300})
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": unknown})
}
