package tollgate.aws.ebs_encryption_test

import rego.v1

import data.tollgate.aws.ebs_encryption as rule

# CloudFormation (and CDK)

cfn_res(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Web": {"Type": type, "Properties": props}}}

unknown := {"__unknown__": true, "expr": "Ref EncryptVolumes", "ref": "EncryptVolumes"}

test_cloudformation_volume_unencrypted if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "Encrypted"],
		"message": "EBS volume is not encrypted (Encrypted is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_res("AWS::EC2::Volume", {"Size": 100, "AvailabilityZone": "eu-west-1a"})
	count(rule.deny) == 1 with input as cfn_res("AWS::EC2::Volume", {"Encrypted": "false"})
	count(rule.deny) == 1 with input as cfn_res("AWS::EC2::Volume", {"SnapshotId": "snap-0123456789abcdef0"})
}

test_cloudformation_volume_encrypted_or_unknown if {
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Volume", {"Encrypted": true})
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Volume", {"Encrypted": "true"})
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Volume", {"Encrypted": unknown})
}

test_cloudformation_instance_mapping if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "BlockDeviceMappings", 1, "Ebs", "Encrypted"],
		"message": "block device mapping /dev/sdf creates an unencrypted EBS volume (Ebs.Encrypted is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_res("AWS::EC2::Instance", {"BlockDeviceMappings": [
		{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20, "Encrypted": true}},
		{"DeviceName": "/dev/sdf", "Ebs": {"VolumeSize": 100, "Encrypted": false}},
		{"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"},
		{"DeviceName": "/dev/sdc", "NoDevice": {}},
	]})
}

test_cloudformation_launch_template_mapping if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "LaunchTemplateData", "BlockDeviceMappings", 0, "Ebs", "Encrypted"],
		"message": "block device mapping /dev/xvda creates an unencrypted EBS volume (Ebs.Encrypted is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_res("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 30}}]}})
}

test_cloudformation_launch_configuration_snapshot_mapping if {
	count(rule.deny) == 1 with input as cfn_res("AWS::AutoScaling::LaunchConfiguration", {"BlockDeviceMappings": [{"DeviceName": "/dev/sdf", "Ebs": {"SnapshotId": "snap-0123456789abcdef0"}}]})
	count(rule.deny) == 0 with input as cfn_res("AWS::AutoScaling::LaunchConfiguration", {"BlockDeviceMappings": [{"DeviceName": "/dev/sdf", "Ebs": {"SnapshotId": "snap-0123456789abcdef0", "Encrypted": true}}]})
}

test_cloudformation_mapping_unknowns if {
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Instance", {"BlockDeviceMappings": unknown})
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Instance", {"BlockDeviceMappings": [unknown]})
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Instance", {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": unknown}]})
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Instance", {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": unknown}}]})
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": unknown})
}

test_cloudformation_instance_without_mappings if {
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Instance", {"ImageId": "ami-0123456789abcdef0"})
}

# Terraform

tf_res(type, values) := {"address": sprintf("%s.app", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}

by_default(values, provider) := {"address": "aws_ebs_encryption_by_default.this", "mode": "managed", "type": "aws_ebs_encryption_by_default", "provider": provider, "values": values}

test_terraform_volume if {
	rule.deny == {{
		"resource": "aws_ebs_volume.app",
		"path": ["resources", 0, "values", "encrypted"],
		"message": "EBS volume is not encrypted (encrypted is not true)",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {"availability_zone": "eu-west-1a", "size": 100})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {"encrypted": true})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {"encrypted": {"__unknown__": true, "expr": "var.encrypted"}})]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {"encrypted": false, "snapshot_id": "snap-0123456789abcdef0"})]}
}

test_terraform_instance_devices if {
	rule.deny == {
		{
			"resource": "aws_instance.app",
			"path": ["resources", 0, "values", "root_block_device", 0, "encrypted"],
			"message": "root_block_device (root) creates an unencrypted EBS volume (encrypted is not true)",
			"remediation": rule.fix.terraform,
		},
		{
			"resource": "aws_instance.app",
			"path": ["resources", 0, "values", "ebs_block_device", 1, "encrypted"],
			"message": "ebs_block_device /dev/sdg creates an unencrypted EBS volume (encrypted is not true)",
			"remediation": rule.fix.terraform,
		},
	} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {
		"root_block_device": [{"volume_size": 30}],
		"ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": true}, {"device_name": "/dev/sdg", "encrypted": false}],
	})]}
}

test_terraform_instance_without_blocks_or_unknown if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"ami": "ami-0123456789abcdef0"})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"ebs_block_device": [{"__unknown__": true, "expr": "dynamic"}]})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"root_block_device": [{"encrypted": "true"}]})]}
}

test_terraform_launch_configuration_no_device if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_launch_configuration", {"ebs_block_device": [{"device_name": "/dev/sdb", "no_device": true}]})]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_launch_configuration", {"root_block_device": [{"volume_type": "gp3"}]})]}
}

test_terraform_launch_template if {
	rule.deny == {{
		"resource": "aws_launch_template.app",
		"path": ["resources", 0, "values", "block_device_mappings", 1, "ebs", 0, "encrypted"],
		"message": "block device mapping /dev/xvdb creates an unencrypted EBS volume (ebs.encrypted is not true)",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_launch_template", {"block_device_mappings": [
		{"device_name": "/dev/xvda", "ebs": [{"encrypted": "true", "volume_size": 20}]},
		{"device_name": "/dev/xvdb", "ebs": [{"encrypted": "false"}]},
		{"device_name": "/dev/xvdc", "virtual_name": "ephemeral0"},
	]})]}
}

test_terraform_encryption_by_default if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {}), by_default({}, "aws")]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {"encrypted": false}), by_default({"enabled": true}, "aws")]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {}), by_default({"enabled": false}, "aws")]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {}), by_default({}, "aws.us_east_1")]}
}

# require_customer_managed_keys

cmk := {"require_customer_managed_keys": true}

test_cmk_volume_without_customer_key if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "KmsKeyId"],
		"message": "EBS volume is encrypted with the AWS-managed key aws/ebs, not a customer-managed key (KmsKeyId is not set)",
		"remediation": rule.key_fix.cloudformation,
	}} with input as cfn_res("AWS::EC2::Volume", {"Encrypted": true}) with data.tollgate.config as cmk
	count(rule.deny) == 1 with input as cfn_res("AWS::EC2::Volume", {"Encrypted": true, "KmsKeyId": "alias/aws/ebs"}) with data.tollgate.config as cmk
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {"encrypted": true, "kms_key_id": ""})]} with data.tollgate.config as cmk
}

test_cmk_mapping_without_customer_key if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "BlockDeviceMappings", 0, "Ebs", "KmsKeyId"],
		"message": "EBS volume from block device mapping /dev/xvda is encrypted with the AWS-managed key aws/ebs, not a customer-managed key (Ebs.KmsKeyId names an AWS-managed key)",
		"remediation": rule.key_fix.cloudformation,
	}} with input as cfn_res("AWS::EC2::Instance", {"BlockDeviceMappings": [
		{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": true, "KmsKeyId": "arn:aws:kms:eu-west-1:111122223333:alias/aws/ebs"}},
		{"DeviceName": "/dev/sdf", "Ebs": {"Encrypted": true, "KmsKeyId": {"__unknown__": true, "expr": "GetAtt Key.Arn", "ref": "Key"}}},
	]}) with data.tollgate.config as cmk
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"root_block_device": [{"encrypted": true}]})]} with data.tollgate.config as cmk
}

test_cmk_customer_or_unknown_key if {
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Volume", {"Encrypted": true, "KmsKeyId": unknown}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_ebs_volume", {"encrypted": true, "kms_key_id": {"__unknown__": true, "expr": "aws_kms_key.ebs.arn"}})]} with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_launch_template", {"block_device_mappings": [{"ebs": [{"encrypted": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}]})]} with data.tollgate.config as cmk
}

test_cmk_off_keeps_aws_managed_key if {
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Volume", {"Encrypted": true})
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Instance", {"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": true, "KmsKeyId": "alias/aws/ebs"}}]})
}
