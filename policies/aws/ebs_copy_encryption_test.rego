package tollgate.aws.ebs_copy_encryption_test

import rego.v1

import data.tollgate.aws.ebs_copy_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::EC2::Volume", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_ebs_snapshot_copy", "address": "aws_ebs_snapshot_copy.r", "values": values}]}

test_cloudformation_has_no_copy if {
	count(ebs_copy_encryption.deny) == 0 with input as cfn({})
}

test_missing_reported if {
	fs := ebs_copy_encryption.deny with input as tf("terraform", {"source_snapshot_id": "snap-1"})
	{f.path | some f in fs} == {["resources", 0, "values", "encrypted"]}
}

test_plan_false_reported if {
	fs := ebs_copy_encryption.deny with input as tf("terraform-plan", {"encrypted": false})
	{f.path | some f in fs} == {["resources", 0, "values", "encrypted"]}
}

test_encrypted_passes if {
	count(ebs_copy_encryption.deny) == 0 with input as tf("terraform", {"encrypted": true})
}

test_unknown_passes if {
	count(ebs_copy_encryption.deny) == 0 with input as tf("terraform", {"encrypted": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_cmk_under_switch if {
	fs := ebs_copy_encryption.deny with input as tf("terraform", {"encrypted": true})
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["resources", 0, "values", "kms_key_id"]}
}

