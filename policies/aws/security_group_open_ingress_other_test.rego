package tollgate.aws.security_group_open_ingress_other_test

import rego.v1

import data.tollgate.aws.security_group_open_ingress_other as rule

sg(rules) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Web": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
	"GroupDescription": "web",
	"SecurityGroupIngress": rules,
}}}}

tcp(from, to, cidr) := {"IpProtocol": "tcp", "FromPort": from, "ToPort": to, "CidrIp": cidr}

test_cloudformation_application_port if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "SecurityGroupIngress", 1, "CidrIp"],
		"message": "ingress from 0.0.0.0/0 allows tcp port 8080",
		"remediation": rule.fix.cloudformation,
	}} with input as sg([tcp(443, 443, "0.0.0.0/0"), tcp(8080, 8080, "0.0.0.0/0")])
}

test_web_ports_are_not_reported if {
	count(rule.deny) == 0 with input as sg([tcp(80, 80, "0.0.0.0/0"), tcp(443, 443, "0.0.0.0/0"), {"IpProtocol": "tcp", "FromPort": "443", "ToPort": "443", "CidrIpv6": "::/0"}])
}

test_ranges if {
	[f] := [f | some f in rule.deny] with input as sg([tcp(80, 443, "0.0.0.0/0")])
	f.message == "ingress from 0.0.0.0/0 allows tcp ports 80-443"
	count(rule.deny) == 1 with input as sg([{"IpProtocol": "udp", "FromPort": 500, "ToPort": 500, "CidrIpv6": "::/0"}])
}

test_the_high_rule_reports_the_rest if {
	count(rule.deny) == 0 with input as sg([tcp(22, 22, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as sg([tcp(0, 65535, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as sg([{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}])
}

test_not_open_or_unknown if {
	count(rule.deny) == 0 with input as sg([tcp(8080, 8080, "10.0.0.0/8")])
	count(rule.deny) == 0 with input as sg([tcp({"__unknown__": true, "expr": "Ref Port"}, 8080, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as sg([tcp(8080, 8080, {"__unknown__": true, "expr": "Ref Cidr"})])
	count(rule.deny) == 0 with input as sg([{"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "CidrIp": "0.0.0.0/0"}])
}

test_terraform_rule if {
	inp := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_vpc_security_group_ingress_rule.app", "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "values": {
		"ip_protocol": "tcp", "from_port": 3000, "to_port": 3000, "cidr_ipv4": "0.0.0.0/0",
	}}]}
	rule.deny == {{
		"resource": "aws_vpc_security_group_ingress_rule.app",
		"path": ["resources", 0, "values", "cidr_ipv4"],
		"message": "ingress from 0.0.0.0/0 allows tcp port 3000",
		"remediation": rule.fix.terraform,
	}} with input as inp
}
