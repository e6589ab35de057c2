package tollgate.aws.nacl_open_admin_ports_test

import rego.v1

import data.tollgate.aws.nacl_open_admin_ports as rule

entry(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"InSsh": {"Type": "AWS::EC2::NetworkAclEntry", "Properties": object.union(
	{"NetworkAclId": {"__unknown__": true, "expr": "Ref Acl", "ref": "Acl"}, "RuleNumber": 100, "RuleAction": "allow", "Egress": false},
	props,
)}}}

test_cloudformation_ssh if {
	rule.deny == {{
		"resource": "InSsh",
		"path": ["Resources", "InSsh", "Properties", "CidrBlock"],
		"message": "network ACL allows inbound tcp port 22 (SSH 22) from 0.0.0.0/0",
	}} with input as entry({"Protocol": 6, "PortRange": {"From": 22, "To": 22}, "CidrBlock": "0.0.0.0/0"})
}

test_cloudformation_all_traffic_and_ranges if {
	[f] := [f | some f in rule.deny] with input as entry({"Protocol": -1, "Ipv6CidrBlock": "::/0"})
	f.message == "network ACL allows inbound all protocols and ports from ::/0"
	[g] := [f | some f in rule.deny] with input as entry({"Protocol": "17", "PortRange": {"From": 1, "To": 4000}, "CidrBlock": "0.0.0.0/0"})
	g.message == "network ACL allows inbound udp ports 1-4000 (RDP 3389) from 0.0.0.0/0"
}

test_cloudformation_not_reported if {
	count(rule.deny) == 0 with input as entry({"Protocol": 6, "PortRange": {"From": 1024, "To": 65535}, "CidrBlock": "0.0.0.0/0"})
	count(rule.deny) == 0 with input as entry({"Protocol": 6, "PortRange": {"From": 22, "To": 22}, "CidrBlock": "10.0.0.0/8"})
	count(rule.deny) == 0 with input as entry({"Protocol": 6, "PortRange": {"From": 22, "To": 22}, "CidrBlock": "0.0.0.0/0", "Egress": true})
	count(rule.deny) == 0 with input as entry({"Protocol": -1, "CidrBlock": "0.0.0.0/0", "RuleAction": "deny"})
	count(rule.deny) == 0 with input as entry({"Protocol": {"__unknown__": true, "expr": "Ref Proto"}, "CidrBlock": "0.0.0.0/0"})
}

tf(r) := {"tollgate": {"format": "terraform"}, "resources": [r]}

test_terraform_rule_and_inline_blocks if {
	r := {"address": "aws_network_acl_rule.all", "mode": "managed", "type": "aws_network_acl_rule", "values": {
		"rule_number": 100, "egress": false, "protocol": "all", "rule_action": "allow", "cidr_block": "0.0.0.0/0",
	}}
	rule.deny == {{
		"resource": "aws_network_acl_rule.all",
		"path": ["resources", 0, "values", "cidr_block"],
		"message": "network ACL allows inbound all protocols and ports from 0.0.0.0/0",
	}} with input as tf(r)
	acl := {"address": "aws_network_acl.public", "mode": "managed", "type": "aws_network_acl", "values": {"ingress": [
		{"protocol": "tcp", "rule_no": 100, "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 443, "to_port": 443},
		{"protocol": "tcp", "rule_no": 110, "action": "allow", "cidr_block": "0.0.0.0/0", "from_port": 3389, "to_port": 3389},
	]}}
	rule.deny == {{
		"resource": "aws_network_acl.public",
		"path": ["resources", 0, "values", "ingress", 1, "cidr_block"],
		"message": "network ACL allows inbound tcp port 3389 (RDP 3389) from 0.0.0.0/0",
	}} with input as tf(acl)
}
