package tollgate.terraform.kms_key_rotation_test

import rego.v1

import data.tollgate.terraform.kms_key_rotation as rule

doc(values) := {"resources": [{"address": "aws_kms_key.main", "mode": "managed", "type": "aws_kms_key", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_missing if {
	rule.deny == {{"resource": "aws_kms_key.main", "path": ["resources", 0, "values", "enable_key_rotation"], "message": "symmetric KMS key does not rotate its key material (enable_key_rotation is not true)"}} with input as doc({"description": "data"})
	count(rule.deny) == 1 with input as doc({"enable_key_rotation": false, "customer_master_key_spec": "SYMMETRIC_DEFAULT", "key_usage": "ENCRYPT_DECRYPT"})
	count(rule.deny) == 1 with input as doc({"enable_key_rotation": null, "customer_master_key_spec": null})
}

test_rotating_or_unknown if {
	count(rule.deny) == 0 with input as doc({"enable_key_rotation": true, "rotation_period_in_days": 180})
	count(rule.deny) == 0 with input as doc({"enable_key_rotation": unknown})
}

test_asymmetric_and_hmac if {
	count(rule.deny) == 0 with input as doc({"customer_master_key_spec": "RSA_2048", "key_usage": "SIGN_VERIFY"})
	count(rule.deny) == 0 with input as doc({"customer_master_key_spec": "HMAC_256", "key_usage": "GENERATE_VERIFY_MAC"})
	count(rule.deny) == 0 with input as doc({"customer_master_key_spec": unknown})
}

test_replica_and_external_keys_ignored if {
	count(rule.deny) == 0 with input as {"resources": [
		{"address": "aws_kms_replica_key.r", "mode": "managed", "type": "aws_kms_replica_key", "values": {}},
		{"address": "aws_kms_external_key.e", "mode": "managed", "type": "aws_kms_external_key", "values": {}},
	]}
}
