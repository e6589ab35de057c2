package tollgate.cloudformation.ebs_encryption_test

import rego.v1

import data.tollgate.cloudformation.ebs_encryption as rule

res(type, props) := {"Resources": {"Web": {"Type": type, "Properties": props}}}

unknown := {"__unknown__": true, "expr": "Ref EncryptVolumes", "ref": "EncryptVolumes"}

test_volume_unencrypted if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "Encrypted"],
		"message": "EBS volume is not encrypted (Encrypted is not true)",
	}} with input as res("AWS::EC2::Volume", {"Size": 100, "AvailabilityZone": "eu-west-1a"})
	count(rule.deny) == 1 with input as res("AWS::EC2::Volume", {"Encrypted": "false"})
	count(rule.deny) == 1 with input as res("AWS::EC2::Volume", {"SnapshotId": "snap-0123456789abcdef0"})
}

test_volume_encrypted_or_unknown if {
	count(rule.deny) == 0 with input as res("AWS::EC2::Volume", {"Encrypted": true})
	count(rule.deny) == 0 with input as res("AWS::EC2::Volume", {"Encrypted": "true"})
	count(rule.deny) == 0 with input as res("AWS::EC2::Volume", {"Encrypted": unknown})
}

test_instance_mapping if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "BlockDeviceMappings", 1, "Ebs", "Encrypted"],
		"message": "block device mapping /dev/sdf creates an unencrypted EBS volume (Ebs.Encrypted is not true)",
	}} with input as res("AWS::EC2::Instance", {"BlockDeviceMappings": [
		{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20, "Encrypted": true}},
		{"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 100, "Encrypted": false}},
		{"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"},
		{"DeviceName": "/dev/sdc", "NoDevice": {}},
	]})
}

test_launch_template_mapping if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "LaunchTemplateData", "BlockDeviceMappings", 0, "Ebs", "Encrypted"],
		"message": "block device mapping /dev/xvda creates an unencrypted EBS volume (Ebs.Encrypted is not true)",
	}} with input as res("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 30}}]}})
}

test_launch_configuration_snapshot_mapping if {
	count(rule.deny) == 1 with input as res("AWS::AutoScaling::LaunchConfiguration", {"BlockDeviceMappings": [{"DeviceName": "/dev/sdf", "Ebs": {"SnapshotId": "snap-0123456789abcdef0"}}]})
	count(rule.deny) == 0 with input as res("AWS::AutoScaling::LaunchConfiguration", {"BlockDeviceMappings": [{"DeviceName": "/dev/sdf", "Ebs": {"SnapshotId": "snap-0123456789abcdef0", "Encrypted": true}}]})
}

test_mapping_unknowns if {
	count(rule.deny) == 0 with input as res("AWS::EC2::Instance", {"BlockDeviceMappings": unknown})
	count(rule.deny) == 0 with input as res("AWS::EC2::Instance", {"BlockDeviceMappings": [unknown]})
	count(rule.deny) == 0 with input as res("AWS::EC2::Instance", {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": unknown}]})
	count(rule.deny) == 0 with input as res("AWS::EC2::Instance", {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": unknown}}]})
	count(rule.deny) == 0 with input as res("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": unknown})
}

test_instance_without_mappings if {
	count(rule.deny) == 0 with input as res("AWS::EC2::Instance", {"ImageId": "ami-0123456789abcdef0"})
}
