package tollgate.aws.rds_backup_replication_kms_test

import rego.v1

import data.tollgate.aws.rds_backup_replication_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::RDS::DBInstance", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_db_instance_automated_backups_replication", "address": "aws_db_instance_automated_backups_replication.r", "values": values}]}

test_replication_without_key_reported if {
	fs := rds_backup_replication_kms.deny with input as cfn({"AutomaticBackupReplicationRegion": "eu-west-2"})
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["Resources", "R", "Properties", "AutomaticBackupReplicationKmsKeyId"]}
}

test_no_replication_passes if {
	count(rds_backup_replication_kms.deny) == 0 with input as cfn({})
		with data.tollgate.config.require_customer_managed_keys as true
}

test_unknown_region_passes if {
	count(rds_backup_replication_kms.deny) == 0 with input as cfn({"AutomaticBackupReplicationRegion": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
		with data.tollgate.config.require_customer_managed_keys as true
}

test_tf_managed_alias_reported if {
	fs := rds_backup_replication_kms.deny with input as tf("terraform", {"kms_key_id": "alias/aws/rds"})
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["resources", 0, "values", "kms_key_id"]}
}

test_off_without_switch if {
	count(rds_backup_replication_kms.deny) == 0 with input as tf("terraform", {})
}

