package tollgate.cloudformation.kms_key_rotation_test

import rego.v1

import data.tollgate.cloudformation.kms_key_rotation as rule

key(props) := {"Resources": {"DataKey": {"Type": "AWS::KMS::Key", "Properties": props}}}

test_symmetric_without_rotation if {
	rule.deny == {{
		"resource": "DataKey",
		"path": ["Resources", "DataKey", "Properties", "EnableKeyRotation"],
		"message": "symmetric KMS key does not rotate its key material (EnableKeyRotation is not true)",
	}} with input as key({"Description": "orders"})
	count(rule.deny) == 1 with input as key({"KeySpec": "SYMMETRIC_DEFAULT", "KeyUsage": "ENCRYPT_DECRYPT", "EnableKeyRotation": "false"})
	count(rule.deny) == 1 with input as key({"MultiRegion": true})
}

test_rotating_or_unknown if {
	count(rule.deny) == 0 with input as key({"EnableKeyRotation": true})
	count(rule.deny) == 0 with input as key({"EnableKeyRotation": {"__unknown__": true, "expr": "Ref Rotate", "ref": "Rotate"}})
	count(rule.deny) == 0 with input as key({"KeySpec": {"__unknown__": true, "expr": "Ref Spec", "ref": "Spec"}})
}

test_keys_that_cannot_rotate if {
	count(rule.deny) == 0 with input as key({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"})
	count(rule.deny) == 0 with input as key({"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY"})
	count(rule.deny) == 0 with input as key({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"})
	count(rule.deny) == 0 with input as key({"Origin": "EXTERNAL"})
	count(rule.deny) == 0 with input as {"Resources": {"Replica": {"Type": "AWS::KMS::ReplicaKey", "Properties": {"PrimaryKeyArn": "arn:aws:kms:us-east-1:111122223333:key/mrk-1234"}}}}
}
