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
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
#   remediation: >-
#     Replace CidrIp 0.0.0.0/0 (CidrIpv6 ::/0) with the CIDR of the networks
#     that need the port (a VPN or office range), or with
#     SourceSecurityGroupId / SourcePrefixListId; reach instances through SSM
#     Session Manager or a bastion instead of opening SSH or RDP.
package tollgate.aws.security_group_open_ingress

import rego.v1

import data.tollgate.lib.aws.security_groups
import data.tollgate.lib.network
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Replace CidrIp 0.0.0.0/0 (CidrIpv6 ::/0) with the CIDR of the networks that need the port (a VPN or office range), or with SourceSecurityGroupId / SourcePrefixListId; reach instances through SSM Session Manager or a bastion instead of opening SSH or RDP.",
	"terraform": "Replace \"0.0.0.0/0\" / \"::/0\" in cidr_blocks, ipv6_cidr_blocks, cidr_ipv4 or cidr_ipv6 with the CIDRs of the networks that need the port (a VPN or office range), or use source_security_group_id / prefix_list_ids (referenced_security_group_id / prefix_list_id); reach instances through SSM Session Manager or a bastion instead of opening SSH or RDP.",
}

deny contains f if {
	some rule in security_groups.ingress
	some cidr in rule.cidrs
	network.open_cidr(cidr.value)
	opened := network.exposure(rule.protocol, rule.from_port, rule.to_port)
	f := view.field_finding(rule.resource, cidr, sprintf("ingress from %s allows %s", [cidr.value, opened]), fix)
}
