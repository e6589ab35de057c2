package tollgate.terraform.ami_hardcoded_test

import rego.v1

import data.tollgate.terraform.ami_hardcoded as rule

res(type, values) := {"address": sprintf("%s.app", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}

ssm_value := {"__unknown__": true, "expr": "data.aws_ssm_parameter.ami.value", "ref": "data.aws_ssm_parameter.ami", "attribute": "value"}

test_instance_literal if {
	rule.deny == {{
		"resource": "aws_instance.app",
		"path": ["resources", 0, "values", "ami"],
		"message": "ami is the hard-coded AMI ami-0c1c30571d2dae5c9",
	}} with input as {"resources": [res("aws_instance", {"ami": "ami-0c1c30571d2dae5c9", "instance_type": "t3.small"})]}
}

test_every_resource_type if {
	rule.deny == {{
		"resource": "aws_launch_template.app",
		"path": ["resources", 0, "values", "image_id"],
		"message": "image_id is the hard-coded AMI ami-12345678",
	}} with input as {"resources": [res("aws_launch_template", {"image_id": "ami-12345678"})]}
	count(rule.deny) == 1 with input as {"resources": [res("aws_launch_configuration", {"image_id": "ami-12345678"})]}
	count(rule.deny) == 1 with input as {"resources": [res("aws_spot_instance_request", {"ami": "ami-12345678"})]}

	# An argument of another resource type is not an AMI setting.
	count(rule.deny) == 0 with input as {"resources": [res("aws_instance", {"image_id": "ami-12345678"})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_launch_template", {"ami": "ami-12345678"})]}
}

test_spot_fleet_launch_specifications if {
	rule.deny == {{
		"resource": "aws_spot_fleet_request.app",
		"path": ["resources", 0, "values", "launch_specification", 1, "ami"],
		"message": "launch_specification ami is the hard-coded AMI ami-0a8e758f5e873d1c1",
	}} with input as {"resources": [res("aws_spot_fleet_request", {"launch_specification": [
		{"ami": ssm_value, "instance_type": "m5.large"},
		{"ami": "ami-0a8e758f5e873d1c1", "instance_type": "m5a.large"},
		{"__unknown__": true, "expr": "dynamic"},
	]})]}
}

test_resolved_at_run_or_launch_time if {
	count(rule.deny) == 0 with input as {"resources": [res("aws_instance", {"ami": ssm_value})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_instance", {"ami": {"__unknown__": true, "expr": "data.aws_ami.al2023.id", "ref": "data.aws_ami.al2023", "attribute": "id"}})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_instance", {"ami": {"__unknown__": true, "expr": "var.ami_id"}})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_launch_template", {"image_id": "resolve:ssm:/golden-ami/web/latest"})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_launch_template", {"image_id": null, "instance_type": "t3.micro"})]}
}

test_not_an_ami_id if {
	count(rule.deny) == 0 with input as {"resources": [res("aws_instance", {"ami": "ami-123"})]}
	count(rule.deny) == 0 with input as {"resources": [res("aws_instance", {"ami": "my-ami-0c1c30571d2dae5c9"})]}
}

test_data_sources_ignored if {
	# A data source that filters on an AMI id is a lookup, not a launch.
	count(rule.deny) == 0 with input as {"resources": [{
		"address": "data.aws_instance.app", "mode": "data", "type": "aws_instance",
		"provider": "aws", "values": {"ami": "ami-0c1c30571d2dae5c9"},
	}]}
}
