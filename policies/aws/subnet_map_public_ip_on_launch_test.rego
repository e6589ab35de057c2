package tollgate.aws.subnet_map_public_ip_on_launch_test

import rego.v1

import data.tollgate.aws.subnet_map_public_ip_on_launch as rule

test_cloudformation if {
	rule.deny == {{
		"resource": "PublicA",
		"path": ["Resources", "PublicA", "Properties", "MapPublicIpOnLaunch"],
		"message": "subnet gives every instance launched into it a public IPv4 address (MapPublicIpOnLaunch is true)",
	}} with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"PublicA": {"Type": "AWS::EC2::Subnet", "Properties": {"CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": true}},
		"PrivateA": {"Type": "AWS::EC2::Subnet", "Properties": {"CidrBlock": "10.0.1.0/24", "MapPublicIpOnLaunch": false}},
		"PrivateB": {"Type": "AWS::EC2::Subnet", "Properties": {"CidrBlock": "10.0.2.0/24"}},
		"Maybe": {"Type": "AWS::EC2::Subnet", "Properties": {"MapPublicIpOnLaunch": {"__unknown__": true, "expr": "Fn::If Public"}}},
	}}
}

test_terraform if {
	rule.deny == {{
		"resource": "aws_subnet.public",
		"path": ["resources", 0, "values", "map_public_ip_on_launch"],
		"message": "subnet gives every instance launched into it a public IPv4 address (map_public_ip_on_launch is true)",
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_subnet.public", "mode": "managed", "type": "aws_subnet", "values": {"map_public_ip_on_launch": true}},
		{"address": "aws_default_subnet.a", "mode": "managed", "type": "aws_default_subnet", "values": {"availability_zone": "eu-west-1a"}},
		{"address": "aws_subnet.private", "mode": "managed", "type": "aws_subnet", "values": {"map_public_ip_on_launch": false}},
	]}
}
