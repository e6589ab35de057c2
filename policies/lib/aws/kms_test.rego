package tollgate.lib.aws.kms_test

import rego.v1

import data.tollgate.lib.aws.kms
import data.tollgate.lib.view

test_cloudformation if {
	k := kms.keys.K with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {
		"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY", "Origin": "EXTERNAL", "EnableKeyRotation": false,
	}}}}
	[view.value(k, "key_spec"), view.value(k, "key_usage"), view.value(k, "origin"), view.value(k, "rotation")] == ["RSA_2048", "SIGN_VERIFY", "EXTERNAL", false]
}

test_terraform if {
	k := kms.keys[0] with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "values": {
		"customer_master_key_spec": "HMAC_256", "key_usage": "GENERATE_VERIFY_MAC", "enable_key_rotation": true,
	}}]}
	[view.value(k, "key_spec"), view.value(k, "key_usage"), view.value(k, "origin"), view.value(k, "rotation")] == ["HMAC_256", "GENERATE_VERIFY_MAC", null, true]
	view.spelled(k, "rotation") == "enable_key_rotation"
}
