package tollgate.terraform.sns_topic_encryption_test

import rego.v1

import data.tollgate.terraform.sns_topic_encryption as rule

doc(values) := {"resources": [{"address": "aws_sns_topic.main", "mode": "managed", "type": "aws_sns_topic", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_missing if {
	rule.deny == {{"resource": "aws_sns_topic.main", "path": ["resources", 0, "values", "kms_master_key_id"], "message": "topic is not encrypted at rest (kms_master_key_id is not set)"}} with input as doc({"name": "alerts"})
	count(rule.deny) == 1 with input as doc({"kms_master_key_id": ""})
	count(rule.deny) == 1 with input as doc({"kms_master_key_id": null})
}

test_any_key if {
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": "alias/aws/sns"})
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": key})
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": unknown})
}
