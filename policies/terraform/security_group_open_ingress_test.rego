package tollgate.terraform.security_group_open_ingress_test

import rego.v1

import data.tollgate.terraform.security_group_open_ingress as rule

res(type, values) := {"address": concat(".", [type, "this"]), "mode": "managed", "type": type, "provider": "aws", "values": values}

sg(blocks) := {"resources": [res("aws_security_group", {"name": "web", "ingress": blocks})]}

block(protocol, from, to, cidrs) := {"protocol": protocol, "from_port": from, "to_port": to, "cidr_blocks": cidrs}

unknown := {"__unknown__": true, "expr": "var.cidr"}

test_inline_ssh_from_anywhere if {
	rule.deny == {{
		"resource": "aws_security_group.this",
		"path": ["resources", 0, "values", "ingress", 1, "cidr_blocks", 1],
		"message": "ingress from 0.0.0.0/0 allows tcp port 22 (SSH 22)",
	}} with input as sg([block("tcp", 443, 443, ["0.0.0.0/0"]), block("tcp", 22, 22, ["10.0.0.0/8", "0.0.0.0/0"])])
}

test_inline_ipv6_all_traffic if {
	rule.deny == {{
		"resource": "aws_security_group.this",
		"path": ["resources", 0, "values", "ingress", 0, "ipv6_cidr_blocks", 0],
		"message": "ingress from ::/0 allows all protocols and ports",
	}} with input as sg([{"protocol": "-1", "from_port": 0, "to_port": 0, "ipv6_cidr_blocks": ["::/0"]}])
	count(rule.deny) == 1 with input as sg([block("all", 0, 0, ["0.0.0.0/0"])])
}

test_security_group_rule if {
	r := res("aws_security_group_rule", {"type": "ingress", "protocol": "tcp", "from_port": 3306, "to_port": 3306, "cidr_blocks": ["0.0.0.0/0"]})
	rule.deny == {{
		"resource": "aws_security_group_rule.this",
		"path": ["resources", 0, "values", "cidr_blocks", 0],
		"message": "ingress from 0.0.0.0/0 allows tcp port 3306 (MySQL 3306)",
	}} with input as {"resources": [r]}
	egress := res("aws_security_group_rule", {"type": "egress", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]})
	count(rule.deny) == 0 with input as {"resources": [egress]}
}

test_vpc_ingress_rule if {
	r := res("aws_vpc_security_group_ingress_rule", {"ip_protocol": "tcp", "from_port": 0, "to_port": 65535, "cidr_ipv6": "::/0"})
	rule.deny == {{
		"resource": "aws_vpc_security_group_ingress_rule.this",
		"path": ["resources", 0, "values", "cidr_ipv6"],
		"message": "ingress from ::/0 allows tcp ports 0-65535 (SSH 22, SQL Server 1433, Oracle 1521, MySQL 3306, RDP 3389, PostgreSQL 5432, Redis 6379, Elasticsearch 9200, MongoDB 27017)",
	}} with input as {"resources": [r]}
	all := res("aws_vpc_security_group_ingress_rule", {"ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0"})
	count(rule.deny) == 1 with input as {"resources": [all]}

	# plans list unset ports as null
	https := res("aws_vpc_security_group_ingress_rule", {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0", "cidr_ipv6": null})
	count(rule.deny) == 0 with input as {"resources": [https]}
}

test_not_reported if {
	count(rule.deny) == 0 with input as sg([block("tcp", 80, 80, ["0.0.0.0/0"]), block("tcp", 443, 443, ["0.0.0.0/0"])])
	count(rule.deny) == 0 with input as sg([block("tcp", 22, 22, ["10.20.0.0/16"])])
	count(rule.deny) == 0 with input as sg([block("icmp", -1, -1, ["0.0.0.0/0"])])
	count(rule.deny) == 0 with input as sg([object.union(block("tcp", 22, 22, []), {"security_groups": ["sg-0123"]})])
	count(rule.deny) == 0 with input as sg([])
}

test_unknown_values if {
	count(rule.deny) == 0 with input as sg([block("tcp", 22, 22, unknown)])
	count(rule.deny) == 0 with input as sg([block("tcp", 22, 22, [unknown])])
	count(rule.deny) == 0 with input as sg([block("tcp", unknown, unknown, ["0.0.0.0/0"])])
	count(rule.deny) == 0 with input as sg([unknown])
	r := res("aws_vpc_security_group_ingress_rule", {"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": unknown})
	count(rule.deny) == 0 with input as {"resources": [r]}
}
