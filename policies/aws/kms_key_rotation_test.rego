package tollgate.aws.kms_key_rotation_test

import rego.v1

import data.tollgate.aws.kms_key_rotation as rule

# CloudFormation (and CDK)

cfn_key(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"DataKey": {"Type": "AWS::KMS::Key", "Properties": props}}}

test_cloudformation_symmetric_without_rotation if {
	rule.deny == {{
		"resource": "DataKey",
		"path": ["Resources", "DataKey", "Properties", "EnableKeyRotation"],
		"message": "symmetric KMS key does not rotate its key material (EnableKeyRotation is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_key({"Description": "orders"})
	count(rule.deny) == 1 with input as cfn_key({"KeySpec": "SYMMETRIC_DEFAULT", "KeyUsage": "ENCRYPT_DECRYPT", "EnableKeyRotation": "false"})
	count(rule.deny) == 1 with input as cfn_key({"MultiRegion": true})
}

test_cloudformation_rotating_or_unknown if {
	count(rule.deny) == 0 with input as cfn_key({"EnableKeyRotation": true})
	count(rule.deny) == 0 with input as cfn_key({"EnableKeyRotation": {"__unknown__": true, "expr": "Ref Rotate", "ref": "Rotate"}})
	count(rule.deny) == 0 with input as cfn_key({"KeySpec": {"__unknown__": true, "expr": "Ref Spec", "ref": "Spec"}})
}

test_cloudformation_keys_that_cannot_rotate if {
	count(rule.deny) == 0 with input as cfn_key({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"})
	count(rule.deny) == 0 with input as cfn_key({"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY"})
	count(rule.deny) == 0 with input as cfn_key({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"})
	count(rule.deny) == 0 with input as cfn_key({"Origin": "EXTERNAL"})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Replica": {"Type": "AWS::KMS::ReplicaKey", "Properties": {"PrimaryKeyArn": "arn:aws:kms:us-east-1:111122223333:key/mrk-1234"}}}}
}

# Terraform

doc(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_kms_key.main", "mode": "managed", "type": "aws_kms_key", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

tf_key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_terraform_missing if {
	rule.deny == {{"resource": "aws_kms_key.main", "path": ["resources", 0, "values", "enable_key_rotation"], "message": "symmetric KMS key does not rotate its key material (enable_key_rotation is not true)", "remediation": rule.fix.terraform}} with input as doc({"description": "data"})
	count(rule.deny) == 1 with input as doc({"enable_key_rotation": false, "customer_master_key_spec": "SYMMETRIC_DEFAULT", "key_usage": "ENCRYPT_DECRYPT"})
	count(rule.deny) == 1 with input as doc({"enable_key_rotation": null, "customer_master_key_spec": null})
}

test_terraform_rotating_or_unknown if {
	count(rule.deny) == 0 with input as doc({"enable_key_rotation": true, "rotation_period_in_days": 180})
	count(rule.deny) == 0 with input as doc({"enable_key_rotation": unknown})
}

test_terraform_asymmetric_and_hmac if {
	count(rule.deny) == 0 with input as doc({"customer_master_key_spec": "RSA_2048", "key_usage": "SIGN_VERIFY"})
	count(rule.deny) == 0 with input as doc({"customer_master_key_spec": "HMAC_256", "key_usage": "GENERATE_VERIFY_MAC"})
	count(rule.deny) == 0 with input as doc({"customer_master_key_spec": unknown})
}

test_terraform_replica_and_external_keys_ignored if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_kms_replica_key.r", "mode": "managed", "type": "aws_kms_replica_key", "values": {}},
		{"address": "aws_kms_external_key.e", "mode": "managed", "type": "aws_kms_external_key", "values": {}},
	]}
}
