package tollgate.lib.aws.security_groups_test

import rego.v1

import data.tollgate.lib.aws.security_groups

test_cloudformation_inline_and_standalone if {
	rules := security_groups.ingress with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}]}},
		"In": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"IpProtocol": "-1", "CidrIpv6": "::/0"}},
	}}
	{[r.resource.resource, c.path, c.value, r.protocol] | some r in rules; some c in r.cidrs; c.value != null} == {
		["Sg", ["Resources", "Sg", "Properties", "SecurityGroupIngress", 0, "CidrIp"], "0.0.0.0/0", "tcp"],
		["In", ["Resources", "In", "Properties", "CidrIpv6"], "::/0", "-1"],
	}
}

test_terraform_three_ways if {
	rules := security_groups.ingress with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_security_group.sg", "mode": "managed", "type": "aws_security_group", "values": {"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]}]}},
		{"address": "aws_security_group_rule.egress", "mode": "managed", "type": "aws_security_group_rule", "values": {"type": "egress", "cidr_blocks": ["0.0.0.0/0"]}},
		{"address": "aws_security_group_rule.in", "mode": "managed", "type": "aws_security_group_rule", "values": {"type": "ingress", "protocol": "-1", "ipv6_cidr_blocks": ["::/0"]}},
		{"address": "aws_vpc_security_group_ingress_rule.r", "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "values": {"ip_protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_ipv4": "0.0.0.0/0"}},
	]}
	{[r.resource.resource, c.path, c.value] | some r in rules; some c in r.cidrs; c.value != null} == {
		["aws_security_group.sg", ["resources", 0, "values", "ingress", 0, "cidr_blocks", 0], "10.0.0.0/8"],
		["aws_security_group.sg", ["resources", 0, "values", "ingress", 0, "cidr_blocks", 1], "0.0.0.0/0"],
		["aws_security_group_rule.in", ["resources", 2, "values", "ipv6_cidr_blocks", 0], "::/0"],
		["aws_vpc_security_group_ingress_rule.r", ["resources", 3, "values", "cidr_ipv4"], "0.0.0.0/0"],
	}
}
