package tollgate.aws.security_group_open_ingress_test

import rego.v1

import data.tollgate.aws.security_group_open_ingress as rule

# CloudFormation (and CDK)

cfn_sg(rules) := {"tollgate": {"format": "cloudformation"}, "Resources": {"WebSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
	"GroupDescription": "web",
	"VpcId": {"__unknown__": true, "expr": "Ref Vpc", "ref": "Vpc"},
	"SecurityGroupIngress": rules,
}}}}

ingress(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"SshIn": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": props}}}

tcp(from, to, cidr) := {"IpProtocol": "tcp", "FromPort": from, "ToPort": to, "CidrIp": cidr}

test_cloudformation_ssh_from_anywhere if {
	rule.deny == {{
		"resource": "WebSg",
		"path": ["Resources", "WebSg", "Properties", "SecurityGroupIngress", 1, "CidrIp"],
		"message": "ingress from 0.0.0.0/0 allows tcp port 22 (SSH 22)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_sg([tcp(443, 443, "0.0.0.0/0"), tcp(22, 22, "0.0.0.0/0")])
}

test_cloudformation_ipv6_and_all_traffic if {
	rule.deny == {{
		"resource": "WebSg",
		"path": ["Resources", "WebSg", "Properties", "SecurityGroupIngress", 0, "CidrIpv6"],
		"message": "ingress from ::/0 allows all protocols and ports",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_sg([{"IpProtocol": -1, "CidrIpv6": "::/0"}])
	count(rule.deny) == 1 with input as cfn_sg([{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}])
}

test_cloudformation_range_including_sensitive_port if {
	count(rule.deny) == 1 with input as cfn_sg([tcp(0, 65535, "0.0.0.0/0")])
	count(rule.deny) == 1 with input as cfn_sg([tcp("3300", "3400", "0.0.0.0/0")])
	count(rule.deny) == 1 with input as cfn_sg([{"IpProtocol": "6", "FromPort": 5432, "ToPort": 5432, "CidrIp": "0.0.0.0/0"}])
	count(rule.deny) == 1 with input as cfn_sg([{"IpProtocol": "udp", "FromPort": 3389, "ToPort": 3389, "CidrIp": "0.0.0.0/0"}])
}

test_cloudformation_database_ports if {
	every p in [3306, 5432, 1433, 1521, 6379, 27017, 9200, 3389] {
		count(rule.deny) == 1 with input as cfn_sg([tcp(p, p, "0.0.0.0/0")])
	}
}

test_cloudformation_standalone_ingress if {
	rule.deny == {{
		"resource": "SshIn",
		"path": ["Resources", "SshIn", "Properties", "CidrIp"],
		"message": "ingress from 0.0.0.0/0 allows tcp port 3389 (RDP 3389)",
		"remediation": rule.fix.cloudformation,
	}} with input as ingress(object.union(tcp(3389, 3389, "0.0.0.0/0"), {"GroupId": {"__unknown__": true, "expr": "Ref WebSg", "ref": "WebSg"}}))
}

test_cloudformation_not_reported if {
	count(rule.deny) == 0 with input as cfn_sg([tcp(80, 80, "0.0.0.0/0"), tcp(443, 443, "::/0")])
	count(rule.deny) == 0 with input as cfn_sg([tcp(22, 22, "10.0.0.0/8"), tcp(3389, 3389, "203.0.113.0/24")])
	count(rule.deny) == 0 with input as cfn_sg([{"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "CidrIp": "0.0.0.0/0"}])
	count(rule.deny) == 0 with input as cfn_sg([{"IpProtocol": "udp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}])
	count(rule.deny) == 0 with input as cfn_sg([{"IpProtocol": "-1", "SourceSecurityGroupId": "sg-0123456789abcdef0"}])
	count(rule.deny) == 0 with input as cfn_sg([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "SourcePrefixListId": "pl-0123456789abcdef0"}])
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"WebSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "none"}}}}
}

test_cloudformation_unknown_values if {
	u := {"__unknown__": true, "expr": "Ref Param"}
	count(rule.deny) == 0 with input as cfn_sg([tcp(22, 22, u)])
	count(rule.deny) == 0 with input as cfn_sg([tcp(u, u, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as cfn_sg([{"IpProtocol": u, "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}])
	count(rule.deny) == 0 with input as cfn_sg([u])
	count(rule.deny) == 0 with input as cfn_sg(u)
}

# Terraform

res(type, values) := {"address": concat(".", [type, "this"]), "mode": "managed", "type": type, "provider": "aws", "values": values}

tf_sg(blocks) := {"tollgate": {"format": "terraform"}, "resources": [res("aws_security_group", {"name": "web", "ingress": blocks})]}

block(protocol, from, to, cidrs) := {"protocol": protocol, "from_port": from, "to_port": to, "cidr_blocks": cidrs}

unknown := {"__unknown__": true, "expr": "var.cidr"}

test_terraform_inline_ssh_from_anywhere if {
	rule.deny == {{
		"resource": "aws_security_group.this",
		"path": ["resources", 0, "values", "ingress", 1, "cidr_blocks", 1],
		"message": "ingress from 0.0.0.0/0 allows tcp port 22 (SSH 22)",
		"remediation": rule.fix.terraform,
	}} with input as tf_sg([block("tcp", 443, 443, ["0.0.0.0/0"]), block("tcp", 22, 22, ["10.0.0.0/8", "0.0.0.0/0"])])
}

test_terraform_inline_ipv6_all_traffic if {
	rule.deny == {{
		"resource": "aws_security_group.this",
		"path": ["resources", 0, "values", "ingress", 0, "ipv6_cidr_blocks", 0],
		"message": "ingress from ::/0 allows all protocols and ports",
		"remediation": rule.fix.terraform,
	}} with input as tf_sg([{"protocol": "-1", "from_port": 0, "to_port": 0, "ipv6_cidr_blocks": ["::/0"]}])
	count(rule.deny) == 1 with input as tf_sg([block("all", 0, 0, ["0.0.0.0/0"])])
}

test_terraform_security_group_rule if {
	r := res("aws_security_group_rule", {"type": "ingress", "protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_blocks": ["0.0.0.0/0"]})
	rule.deny == {{
		"resource": "aws_security_group_rule.this",
		"path": ["resources", 0, "values", "cidr_blocks", 0],
		"message": "ingress from 0.0.0.0/0 allows tcp port 3306 (MySQL 3306)",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [r]}
	egress := res("aws_security_group_rule", {"type": "egress", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [egress]}
}

test_terraform_vpc_ingress_rule if {
	r := res("aws_vpc_security_group_ingress_rule", {"ip_protocol": "tcp", "from_port": 0, "to_port": 65535, "cidr_ipv6": "::/0"})
	rule.deny == {{
		"resource": "aws_vpc_security_group_ingress_rule.this",
		"path": ["resources", 0, "values", "cidr_ipv6"],
		"message": "ingress from ::/0 allows tcp ports 0-65535 (SSH 22, SQL Server 1433, Oracle 1521, MySQL 3306, RDP 3389, PostgreSQL 5432, Redis 6379, Elasticsearch 9200, MongoDB 27017)",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [r]}
	all := res("aws_vpc_security_group_ingress_rule", {"ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"})
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [all]}

	# plans list unset ports as null
	https := res("aws_vpc_security_group_ingress_rule", {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0", "cidr_ipv6": null})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [https]}
}

test_terraform_not_reported if {
	count(rule.deny) == 0 with input as tf_sg([block("tcp", 80, 80, ["0.0.0.0/0"]), block("tcp", 443, 443, ["0.0.0.0/0"])])
	count(rule.deny) == 0 with input as tf_sg([block("tcp", 22, 22, ["10.20.0.0/16"])])
	count(rule.deny) == 0 with input as tf_sg([block("icmp", -1, -1, ["0.0.0.0/0"])])
	count(rule.deny) == 0 with input as tf_sg([object.union(block("tcp", 22, 22, []), {"security_groups": ["sg-0123"]})])
	count(rule.deny) == 0 with input as tf_sg([])
}

test_terraform_unknown_values if {
	count(rule.deny) == 0 with input as tf_sg([block("tcp", 22, 22, unknown)])
	count(rule.deny) == 0 with input as tf_sg([block("tcp", 22, 22, [unknown])])
	count(rule.deny) == 0 with input as tf_sg([block("tcp", unknown, unknown, ["0.0.0.0/0"])])
	count(rule.deny) == 0 with input as tf_sg([unknown])
	r := res("aws_vpc_security_group_ingress_rule", {"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": unknown})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [r]}
}
