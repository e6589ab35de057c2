package tollgate.terraform.cloudtrail_trail_encryption_kms_test

import rego.v1

import data.tollgate.terraform.cloudtrail_trail_encryption_kms as rule

doc(values) := {"resources": [{"address": "aws_cloudtrail.main", "mode": "managed", "type": "aws_cloudtrail", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_missing if {
	rule.deny == {{"resource": "aws_cloudtrail.main", "path": ["resources", 0, "values", "kms_key_id"], "message": "trail log files are not encrypted with KMS (kms_key_id is not set)"}} with input as doc({"name": "org", "s3_bucket_name": "acme-trail"})
	count(rule.deny) == 1 with input as doc({"kms_key_id": null})
}

test_key if {
	count(rule.deny) == 0 with input as doc({"kms_key_id": key})
	count(rule.deny) == 0 with input as doc({"kms_key_id": unknown})
}
