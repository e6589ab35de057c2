package tollgate.aws.ami_hardcoded_test

import rego.v1

import data.tollgate.aws.ami_hardcoded as rule

# CloudFormation (and CDK)

cfn_res(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Web": {"Type": type, "Properties": props}}}

mappings := {"RegionMap": {
	"eu-west-1": {"AMI": "ami-0a8e758f5e873d1c1", "Size": "t3.small"},
	"us-east-1": {"AMI": "ami-0c101f26f147fa7fd", "Size": "t3.small"},
}}

region_lookup(col) := {"__unknown__": true, "expr": sprintf(`Fn::FindInMap ["RegionMap",{"Ref":"AWS::Region"},"%s"]`, [col])}

test_cloudformation_instance_literal if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "ImageId"],
		"message": "ImageId is the hard-coded AMI ami-0a8e758f5e873d1c1",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_res("AWS::EC2::Instance", {"ImageId": "ami-0a8e758f5e873d1c1", "InstanceType": "t3.small"})
}

test_cloudformation_launch_template_and_configuration if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "LaunchTemplateData", "ImageId"],
		"message": "ImageId is the hard-coded AMI ami-12345678",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_res("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"ImageId": "ami-12345678"}})
	count(rule.deny) == 1 with input as cfn_res("AWS::AutoScaling::LaunchConfiguration", {"ImageId": "ami-12345678"})
	count(rule.deny) == 1 with input as cfn_res("AWS::EC2::SpotFleet", {"SpotFleetRequestConfigData": {"LaunchSpecifications": [{"ImageId": {"__unknown__": true, "expr": "Ref Ami"}}, {"ImageId": "ami-12345678"}]}})
}

test_cloudformation_ssm_resolution if {
	# {{resolve:ssm:...}} stays a string; an SSM-typed parameter arrives unknown.
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Instance", {"ImageId": "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"})
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::Instance", {"ImageId": {"__unknown__": true, "expr": "Ref LatestAmiId", "ref": "LatestAmiId"}})
	count(rule.deny) == 0 with input as cfn_res("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"InstanceType": "t3.micro"}})
}

test_cloudformation_region_mapping if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "ImageId"],
		"message": "ImageId comes from mapping RegionMap, which hard-codes AMI ids",
		"remediation": rule.fix.cloudformation,
		"related": [{"path": ["Mappings", "RegionMap"], "message": "mapping RegionMap with hard-coded AMI ids"}],
	}} with input as object.union(cfn_res("AWS::EC2::Instance", {"ImageId": region_lookup("AMI")}), {"Mappings": mappings})
}

test_cloudformation_region_mapping_other_column_or_truncated if {
	# A column without AMIs is not an AMI lookup.
	count(rule.deny) == 0 with input as object.union(cfn_res("AWS::EC2::Instance", {"ImageId": region_lookup("Size")}), {"Mappings": mappings})

	# A truncated expr keeps the mapping name; any AMI in the mapping counts.
	truncated := {"__unknown__": true, "expr": `Fn::FindInMap ["RegionMap",{"Fn::Select":[0,…`}
	count(rule.deny) == 1 with input as object.union(cfn_res("AWS::EC2::Instance", {"ImageId": truncated}), {"Mappings": mappings})
}

test_cloudformation_condition_branch if {
	count(rule.deny) == 1 with input as cfn_res("AWS::EC2::Instance", {"ImageId": {
		"__unknown__": true, "expr": "Fn::If [UseGolden, ...]",
		"options": ["{{resolve:ssm:/golden/ami}}", "ami-0a8e758f5e873d1c1"],
	}})
}

# Terraform

tf_res(type, values) := {"address": sprintf("%s.app", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}

ssm_value := {"__unknown__": true, "expr": "data.aws_ssm_parameter.ami.value", "ref": "data.aws_ssm_parameter.ami", "attribute": "value"}

test_terraform_instance_literal if {
	rule.deny == {{
		"resource": "aws_instance.app",
		"path": ["resources", 0, "values", "ami"],
		"message": "ami is the hard-coded AMI ami-0c1c30571d2dae5c9",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"ami": "ami-0c1c30571d2dae5c9", "instance_type": "t3.small"})]}
}

test_terraform_every_resource_type if {
	rule.deny == {{
		"resource": "aws_launch_template.app",
		"path": ["resources", 0, "values", "image_id"],
		"message": "image_id is the hard-coded AMI ami-12345678",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_launch_template", {"image_id": "ami-12345678"})]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_launch_configuration", {"image_id": "ami-12345678"})]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_spot_instance_request", {"ami": "ami-12345678"})]}

	# An argument of another resource type is not an AMI setting.
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"image_id": "ami-12345678"})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_launch_template", {"ami": "ami-12345678"})]}
}

test_terraform_spot_fleet_launch_specifications if {
	rule.deny == {{
		"resource": "aws_spot_fleet_request.app",
		"path": ["resources", 0, "values", "launch_specification", 1, "ami"],
		"message": "launch_specification ami is the hard-coded AMI ami-0a8e758f5e873d1c1",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_spot_fleet_request", {"launch_specification": [
		{"ami": ssm_value, "instance_type": "m5.large"},
		{"ami": "ami-0a8e758f5e873d1c1", "instance_type": "m5a.large"},
		{"__unknown__": true, "expr": "dynamic"},
	]})]}
}

test_terraform_resolved_at_run_or_launch_time if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"ami": ssm_value})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"ami": {"__unknown__": true, "expr": "data.aws_ami.al2023.id", "ref": "data.aws_ami.al2023", "attribute": "id"}})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"ami": {"__unknown__": true, "expr": "var.ami_id"}})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_launch_template", {"image_id": "resolve:ssm:/golden-ami/web/latest"})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_launch_template", {"image_id": null, "instance_type": "t3.micro"})]}
}

test_terraform_not_an_ami_id if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"ami": "ami-123"})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_res("aws_instance", {"ami": "my-ami-0c1c30571d2dae5c9"})]}
}

test_terraform_data_sources_ignored if {
	# A data source that filters on an AMI id is a lookup, not a launch.
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [{
		"address": "data.aws_instance.app", "mode": "data", "type": "aws_instance",
		"provider": "aws", "values": {"ami": "ami-0c1c30571d2dae5c9"},
	}]}
}
