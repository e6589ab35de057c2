# METADATA
# title: Security groups do not open administrative or database ports to the internet
# description: >-
#   An ingress rule from 0.0.0.0/0 or ::/0 (any CIDR with prefix length 0)
#   exposes its ports to every address on the internet. Reported when such a
#   rule allows all traffic (IpProtocol -1), or a TCP/UDP port range that
#   includes remote administration (SSH 22, RDP 3389) or a database port
#   (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, Redis 6379,
#   MongoDB 27017, Elasticsearch 9200). Checks the SecurityGroupIngress rules
#   of AWS::EC2::SecurityGroup and standalone AWS::EC2::SecurityGroupIngress
#   resources (CidrIp and CidrIpv6). Public HTTP/HTTPS, ICMP, prefix lists
#   and security group sources are not reported; nor are rules whose
#   protocol, ports or CIDR are not known until deployment.
# custom:
#   id: aws-security-group-open-ingress
#   severity: high
#   theme: network-exposure
#   formats: [cloudformation]
#   resource_types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"]
#   remediation: >-
#     Replace CidrIp 0.0.0.0/0 (CidrIpv6 ::/0) with the CIDR of the networks
#     that need the port (a VPN or office range), or with
#     SourceSecurityGroupId / SourcePrefixListId; reach instances through SSM
#     Session Manager or a bastion instead of opening SSH or RDP.
package tollgate.cloudformation.security_group_open_ingress

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.network

deny contains f if {
	some name, sg in cfn.resources("AWS::EC2::SecurityGroup")
	rules := cfn.prop(sg, ["SecurityGroupIngress"], [])
	is_array(rules)
	some j, rule in rules
	is_object(rule)
	some f in rule_findings(name, ["SecurityGroupIngress", j], rule)
}

deny contains f if {
	some name, ingress in cfn.resources("AWS::EC2::SecurityGroupIngress")
	some f in rule_findings(name, [], cfn.properties(ingress))
}

rule_findings(name, path, rule) := {f |
	some attr in ["CidrIp", "CidrIpv6"]
	cidr := object.get(rule, attr, null)
	network.open_cidr(cidr)
	opened := network.exposure(
		object.get(rule, "IpProtocol", null),
		object.get(rule, "FromPort", null),
		object.get(rule, "ToPort", null),
	)
	f := cfn.finding(name, array.concat(path, [attr]), sprintf("ingress from %s allows %s", [cidr, opened]))
}
