package tollgate.aws.rds_snapshot_copy_kms_test

import rego.v1

import data.tollgate.aws.rds_snapshot_copy_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::RDS::DBInstance", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_db_snapshot_copy", "address": "aws_db_snapshot_copy.r", "values": values}]}

test_cloudformation_has_no_copy if {
	count(rds_snapshot_copy_kms.deny) == 0 with input as cfn({})
		with data.tollgate.config.require_customer_managed_keys as true
}

test_missing_reported if {
	fs := rds_snapshot_copy_kms.deny with input as tf("terraform", {})
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["resources", 0, "values", "kms_key_id"]}
}

test_off_without_switch if {
	count(rds_snapshot_copy_kms.deny) == 0 with input as tf("terraform", {})
}

test_key_passes if {
	count(rds_snapshot_copy_kms.deny) == 0 with input as tf("terraform-plan", {"kms_key_id": "arn:aws:kms:eu-west-2:111122223333:key/k"})
		with data.tollgate.config.require_customer_managed_keys as true
}

