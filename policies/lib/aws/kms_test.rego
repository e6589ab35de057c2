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

test_customer_key if {
	cfn := {"family": "cloudformation"}
	kms.customer_key(cfn, "arn:aws:kms:eu-west-1:111122223333:key/k")
	kms.customer_key(cfn, {"__unknown__": true, "expr": "Ref Key", "ref": "Key"})
	not kms.customer_key(cfn, "alias/aws/rds")
	not kms.customer_key(cfn, null)
	not kms.customer_key(cfn, "")
}

# Terraform follows a data source that looks an AWS-managed alias up.
test_terraform_customer_key_follows_data_sources if {
	x := {"__unknown__": true, "expr": "data.aws_kms_alias.rds.target_key_arn", "ref": "data.aws_kms_alias.rds", "attribute": "target_key_arn"}
	not kms.customer_key({"family": "terraform"}, x) with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "data.aws_kms_alias.rds", "mode": "data", "type": "aws_kms_alias", "values": {"name": "alias/aws/rds"}},
	]}
	kms.customer_key({"family": "terraform"}, x) with input as {"tollgate": {"format": "terraform"}, "resources": []}
}
