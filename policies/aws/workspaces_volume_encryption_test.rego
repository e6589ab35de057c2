package tollgate.aws.workspaces_volume_encryption_test

import rego.v1

import data.tollgate.aws.workspaces_volume_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::WorkSpaces::Workspace", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_workspaces_workspace", "address": "aws_workspaces_workspace.r", "values": values}]}

test_cloudformation_reported if {
	fs := workspaces_volume_encryption.deny with input as cfn({"RootVolumeEncryptionEnabled": true, "VolumeEncryptionKey": "alias/aws/workspaces"})
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "UserVolumeEncryptionEnabled"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(workspaces_volume_encryption.deny) == 0 with input as cfn({"RootVolumeEncryptionEnabled": true, "UserVolumeEncryptionEnabled": "true", "VolumeEncryptionKey": "alias/aws/workspaces"})
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := workspaces_volume_encryption.deny with input as tf(format, {"root_volume_encryption_enabled": false, "user_volume_encryption_enabled": true})
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "root_volume_encryption_enabled"]
	f.resource == "aws_workspaces_workspace.r"
}

test_terraform_passes if {
	count(workspaces_volume_encryption.deny) == 0 with input as tf("terraform", {"root_volume_encryption_enabled": true, "user_volume_encryption_enabled": true})
}

test_unknown_is_set if {
	count(workspaces_volume_encryption.deny) == 0 with input as cfn({"RootVolumeEncryptionEnabled": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}, "UserVolumeEncryptionEnabled": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_aws_managed_key_only_reported_under_switch if {
	count(workspaces_volume_encryption.deny) == 0 with input as cfn({"RootVolumeEncryptionEnabled": true, "UserVolumeEncryptionEnabled": true, "VolumeEncryptionKey": "alias/aws/workspaces"})
	fs := workspaces_volume_encryption.deny with input as cfn({"RootVolumeEncryptionEnabled": true, "UserVolumeEncryptionEnabled": true, "VolumeEncryptionKey": "alias/aws/workspaces"})
		with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	contains(f.message, "not a customer-managed KMS key")
}
