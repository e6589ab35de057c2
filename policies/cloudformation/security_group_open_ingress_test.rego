package tollgate.cloudformation.security_group_open_ingress_test

import rego.v1

import data.tollgate.cloudformation.security_group_open_ingress as rule

sg(rules) := {"Resources": {"WebSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
	"GroupDescription": "web",
	"VpcId": {"__unknown__": true, "expr": "Ref Vpc", "ref": "Vpc"},
	"SecurityGroupIngress": rules,
}}}}

ingress(props) := {"Resources": {"SshIn": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": props}}}

tcp(from, to, cidr) := {"IpProtocol": "tcp", "FromPort": from, "ToPort": to, "CidrIp": cidr}

test_ssh_from_anywhere if {
	rule.deny == {{
		"resource": "WebSg",
		"path": ["Resources", "WebSg", "Properties", "SecurityGroupIngress", 1, "CidrIp"],
		"message": "ingress from 0.0.0.0/0 allows tcp port 22 (SSH 22)",
	}} with input as sg([tcp(443, 443, "0.0.0.0/0"), tcp(22, 22, "0.0.0.0/0")])
}

test_ipv6_and_all_traffic if {
	rule.deny == {{
		"resource": "WebSg",
		"path": ["Resources", "WebSg", "Properties", "SecurityGroupIngress", 0, "CidrIpv6"],
		"message": "ingress from ::/0 allows all protocols and ports",
	}} with input as sg([{"IpProtocol": -1, "CidrIpv6": "::/0"}])
	count(rule.deny) == 1 with input as sg([{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"}])
}

test_range_including_sensitive_port if {
	count(rule.deny) == 1 with input as sg([tcp(0, 65535, "0.0.0.0/0")])
	count(rule.deny) == 1 with input as sg([tcp("3300", "3400", "0.0.0.0/0")])
	count(rule.deny) == 1 with input as sg([{"IpProtocol": "6", "FromPort": 5432, "ToPort": 5432, "CidrIp": "0.0.0.0/0"}])
	count(rule.deny) == 1 with input as sg([{"IpProtocol": "udp", "FromPort": 3389, "ToPort": 3389, "CidrIp": "0.0.0.0/0"}])
}

test_database_ports if {
	every p in [3306, 5432, 1433, 1521, 6379, 27017, 9200, 3389] {
		count(rule.deny) == 1 with input as sg([tcp(p, p, "0.0.0.0/0")])
	}
}

test_standalone_ingress if {
	rule.deny == {{
		"resource": "SshIn",
		"path": ["Resources", "SshIn", "Properties", "CidrIp"],
		"message": "ingress from 0.0.0.0/0 allows tcp port 3389 (RDP 3389)",
	}} with input as ingress(object.union(tcp(3389, 3389, "0.0.0.0/0"), {"GroupId": {"__unknown__": true, "expr": "Ref WebSg", "ref": "WebSg"}}))
}

test_not_reported if {
	count(rule.deny) == 0 with input as sg([tcp(80, 80, "0.0.0.0/0"), tcp(443, 443, "::/0")])
	count(rule.deny) == 0 with input as sg([tcp(22, 22, "10.0.0.0/8"), tcp(3389, 3389, "203.0.113.0/24")])
	count(rule.deny) == 0 with input as sg([{"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "CidrIp": "0.0.0.0/0"}])
	count(rule.deny) == 0 with input as sg([{"IpProtocol": "udp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}])
	count(rule.deny) == 0 with input as sg([{"IpProtocol": "-1", "SourceSecurityGroupId": "sg-0123456789abcdef0"}])
	count(rule.deny) == 0 with input as sg([{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "SourcePrefixListId": "pl-0123456789abcdef0"}])
	count(rule.deny) == 0 with input as {"Resources": {"WebSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "none"}}}}
}

test_unknown_values if {
	u := {"__unknown__": true, "expr": "Ref Param"}
	count(rule.deny) == 0 with input as sg([tcp(22, 22, u)])
	count(rule.deny) == 0 with input as sg([tcp(u, u, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as sg([{"IpProtocol": u, "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}])
	count(rule.deny) == 0 with input as sg([u])
	count(rule.deny) == 0 with input as sg(u)
}
