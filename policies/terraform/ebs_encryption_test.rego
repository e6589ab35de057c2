package tollgate.terraform.ebs_encryption_test

import rego.v1

import data.tollgate.terraform.ebs_encryption as rule

res(type, values) := {"address": sprintf("%s.app", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}

by_default(values, provider) := {"address": "aws_ebs_encryption_by_default.this", "mode": "managed", "type": "aws_ebs_encryption_by_default", "provider": provider, "values": values}

test_volume if {
	rule.deny == {{
		"resource": "aws_ebs_volume.app",
		"path": ["resources", 0, "values", "encrypted"],
		"message": "EBS volume is not encrypted (encrypted is not true)",
	}} with input as {"resources": [res("aws_ebs_volume", {"availability_zone": "eu-west-1a", "size": 100})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_ebs_volume", {"encrypted": true})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_ebs_volume", {"encrypted": {"__unknown__": true, "expr": "var.encrypted"}})]}
	count(rule.deny) == 1 with input as {"resources": [res("aws_ebs_volume", {"encrypted": false, "snapshot_id": "snap-0123456789abcdef0"})]}
}

test_instance_devices if {
	rule.deny == {
		{
			"resource": "aws_instance.app",
			"path": ["resources", 0, "values", "root_block_device", 0, "encrypted"],
			"message": "root_block_device (root) creates an unencrypted EBS volume (encrypted is not true)",
		},
		{
			"resource": "aws_instance.app",
			"path": ["resources", 0, "values", "ebs_block_device", 1, "encrypted"],
			"message": "ebs_block_device /dev/sdg creates an unencrypted EBS volume (encrypted is not true)",
		},
	} with input as {"resources": [res("aws_instance", {
		"root_block_device": [{"volume_size": 30}],
		"ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": true}, {"device_name": "/dev/sdg", "encrypted": false}],
	})]}
}

test_instance_without_blocks_or_unknown if {
	count(rule.deny) == 0 with input as {"resources": [res("aws_instance", {"ami": "ami-0123456789abcdef0"})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_instance", {"ebs_block_device": [{"__unknown__": true, "expr": "dynamic"}]})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_instance", {"root_block_device": [{"encrypted": "true"}]})]}
}

test_launch_configuration_no_device if {
	count(rule.deny) == 0 with input as {"resources": [res("aws_launch_configuration", {"ebs_block_device": [{"device_name": "/dev/sdb", "no_device": true}]})]}
	count(rule.deny) == 1 with input as {"resources": [res("aws_launch_configuration", {"root_block_device": [{"volume_type": "gp3"}]})]}
}

test_launch_template if {
	rule.deny == {{
		"resource": "aws_launch_template.app",
		"path": ["resources", 0, "values", "block_device_mappings", 1, "ebs", 0, "encrypted"],
		"message": "block device mapping /dev/xvdb creates an unencrypted EBS volume (ebs.encrypted is not true)",
	}} with input as {"resources": [res("aws_launch_template", {"block_device_mappings": [
		{"device_name": "/dev/xvda", "ebs": [{"encrypted": "true", "volume_size": 20}]},
		{"device_name": "/dev/xvdb", "ebs": [{"encrypted": "false"}]},
		{"device_name": "/dev/xvdc", "virtual_name": "ephemeral0"},
	]})]}
}

test_encryption_by_default if {
	count(rule.deny) == 0 with input as {"resources": [res("aws_ebs_volume", {}), by_default({}, "aws")]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_ebs_volume", {"encrypted": false}), by_default({"enabled": true}, "aws")]}
	count(rule.deny) == 1 with input as {"resources": [res("aws_ebs_volume", {}), by_default({"enabled": false}, "aws")]}
	count(rule.deny) == 1 with input as {"resources": [res("aws_ebs_volume", {}), by_default({}, "aws.us_east_1")]}
}
