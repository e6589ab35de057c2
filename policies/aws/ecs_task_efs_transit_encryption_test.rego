package tollgate.aws.ecs_task_efs_transit_encryption_test

import rego.v1

import data.tollgate.aws.ecs_task_efs_transit_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::ECS::TaskDefinition", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_ecs_task_definition", "address": "aws_ecs_task_definition.r", "values": values}]}

test_disabled_and_missing_reported if {
	fs := ecs_task_efs_transit_encryption.deny with input as cfn({"Volumes": [{"Name": "a", "EFSVolumeConfiguration": {"FilesystemId": "fs-1", "TransitEncryption": "DISABLED"}}, {"Name": "b"}, {"Name": "c", "EFSVolumeConfiguration": {"FilesystemId": "fs-1"}}]})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "Volumes", 0, "EFSVolumeConfiguration", "TransitEncryption"], ["Resources", "R", "Properties", "Volumes", 2, "EFSVolumeConfiguration", "TransitEncryption"]}
}

test_enabled_passes if {
	count(ecs_task_efs_transit_encryption.deny) == 0 with input as cfn({"Volumes": [{"Name": "a", "EFSVolumeConfiguration": {"FilesystemId": "fs-1", "TransitEncryption": "ENABLED"}}]})
}

test_unknown_passes if {
	count(ecs_task_efs_transit_encryption.deny) == 0 with input as cfn({"Volumes": [{"Name": "a", "EFSVolumeConfiguration": {"FilesystemId": "fs-1", "TransitEncryption": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}}, {"Name": "b", "EFSVolumeConfiguration": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}]})
}

test_tf_missing_reported if {
	fs := ecs_task_efs_transit_encryption.deny with input as tf("terraform", {"volume": [{"name": "a", "efs_volume_configuration": [{"file_system_id": "fs-1"}]}]})
	{f.path | some f in fs} == {["resources", 0, "values", "volume", 0, "efs_volume_configuration", 0, "transit_encryption"]}
}

test_plan_empty_block_passes if {
	count(ecs_task_efs_transit_encryption.deny) == 0 with input as tf("terraform-plan", {"volume": [{"name": "a", "efs_volume_configuration": []}]})
}

