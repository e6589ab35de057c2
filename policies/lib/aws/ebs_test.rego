package tollgate.lib.aws.ebs_test

import rego.v1

import data.tollgate.lib.aws.ebs

test_cloudformation_mappings if {
	ds := ebs.devices(ebs.launchers.L) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"L": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"BlockDeviceMappings": [
		{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8}},
		{"Ebs": {"Encrypted": true}},
		{"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"},
	]}}}}}
	ds == {
		{"encrypted": {"value": null, "path": ["Resources", "L", "Properties", "LaunchTemplateData", "BlockDeviceMappings", 0, "Ebs", "Encrypted"], "name": "Ebs.Encrypted"}, "kms_key": {"value": null, "path": ["Resources", "L", "Properties", "LaunchTemplateData", "BlockDeviceMappings", 0, "Ebs", "KmsKeyId"], "name": "Ebs.KmsKeyId"}, "label": "block device mapping /dev/xvda"},
		{"encrypted": {"value": true, "path": ["Resources", "L", "Properties", "LaunchTemplateData", "BlockDeviceMappings", 1, "Ebs", "Encrypted"], "name": "Ebs.Encrypted"}, "kms_key": {"value": null, "path": ["Resources", "L", "Properties", "LaunchTemplateData", "BlockDeviceMappings", 1, "Ebs", "KmsKeyId"], "name": "Ebs.KmsKeyId"}, "label": "block device mapping #1"},
	}
}

tf(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

test_terraform_instance_devices if {
	ds := ebs.devices(ebs.launchers[0]) with input as tf([{"address": "aws_instance.i", "mode": "managed", "type": "aws_instance", "provider": "aws", "values": {
		"root_block_device": [{"encrypted": false}],
		"ebs_block_device": [{"device_name": "/dev/sdf"}, {"device_name": "/dev/sdg", "no_device": true}],
	}}])
	{[d.label, d.encrypted.name, d.encrypted.path] | some d in ds} == {
		["root_block_device (root)", "encrypted", ["resources", 0, "values", "root_block_device", 0, "encrypted"]],
		["ebs_block_device /dev/sdf", "encrypted", ["resources", 0, "values", "ebs_block_device", 0, "encrypted"]],
	}
}

test_terraform_launch_template_devices if {
	ds := ebs.devices(ebs.launchers[0]) with input as tf([{"address": "aws_launch_template.t", "mode": "managed", "type": "aws_launch_template", "provider": "aws", "values": {
		"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"encrypted": "true"}]}],
	}}])
	ds == {{"encrypted": {"value": "true", "path": ["resources", 0, "values", "block_device_mappings", 0, "ebs", 0, "encrypted"], "name": "ebs.encrypted"}, "kms_key": {"value": null, "path": ["resources", 0, "values", "block_device_mappings", 0, "ebs", 0, "kms_key_id"], "name": "ebs.kms_key_id"}, "label": "block device mapping /dev/xvda"}}
}

test_terraform_encryption_by_default_covers_the_region if {
	doc := tf([
		{"address": "aws_ebs_encryption_by_default.on", "mode": "managed", "type": "aws_ebs_encryption_by_default", "provider": "aws", "values": {"enabled": true}},
		{"address": "aws_ebs_volume.v", "mode": "managed", "type": "aws_ebs_volume", "provider": "aws", "values": {}},
		{"address": "aws_ebs_volume.w", "mode": "managed", "type": "aws_ebs_volume", "provider": "aws.west", "values": {}},
	])
	object.keys(ebs.volumes) == {2} with input as doc
}
