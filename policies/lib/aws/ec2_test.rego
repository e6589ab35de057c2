package tollgate.lib.aws.ec2_test

import rego.v1

import data.tollgate.lib.aws.ec2

test_cloudformation_image_ids if {
	ids := ec2.image_ids with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"T": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": "ami-0123456789abcdef0"}}},
		"F": {"Type": "AWS::EC2::SpotFleet", "Properties": {"SpotFleetRequestConfigData": {"LaunchSpecifications": [{"ImageId": "ami-0123456789abcdef1"}]}}},
	}}
	{[e.resource.resource, e.image.path, e.image.value, e.label] | some e in ids} == {
		["T", ["Resources", "T", "Properties", "LaunchTemplateData", "ImageId"], "ami-0123456789abcdef0", "ImageId"],
		["F", ["Resources", "F", "Properties", "SpotFleetRequestConfigData", "LaunchSpecifications", 0, "ImageId"], "ami-0123456789abcdef1", "ImageId"],
	}
}

test_terraform_image_ids if {
	ids := ec2.image_ids with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_launch_template.t", "mode": "managed", "type": "aws_launch_template", "values": {"image_id": "ami-0123456789abcdef0"}},
		{"address": "aws_spot_fleet_request.f", "mode": "managed", "type": "aws_spot_fleet_request", "values": {"launch_specification": [{"ami": "ami-0123456789abcdef1"}]}},
	]}
	{[e.image.path, e.label] | some e in ids} == {
		[["resources", 0, "values", "image_id"], "image_id"],
		[["resources", 1, "values", "launch_specification", 0, "ami"], "launch_specification ami"],
	}
}

test_literal_amis if {
	ec2.literal_amis("ami-0123456789abcdef0") == {"ami-0123456789abcdef0"}
	ec2.literal_amis({"__unknown__": true, "expr": "Fn::If", "options": ["ami-0123456789abcdef0", "{{resolve:ssm:/x}}"]}) == {"ami-0123456789abcdef0"}
	ec2.literal_amis("{{resolve:ssm:/golden/ami}}") == set()
}

test_ami_mapping if {
	lookup := {"__unknown__": true, "expr": `Fn::FindInMap ["RegionMap",{"Ref":"AWS::Region"},"AMI"]`}
	ec2.ami_mapping(lookup) == "RegionMap" with input as {"Mappings": {"RegionMap": {"eu-west-1": {"AMI": "ami-0123456789abcdef0"}}}}
	not ec2.ami_mapping(lookup) with input as {"Mappings": {"RegionMap": {"eu-west-1": {"Size": "ami-0123456789abcdef0"}}}}
}
