# METADATA
# title: Security groups do not open administrative or database ports to the internet
# description: >-
#   An ingress rule from 0.0.0.0/0 or ::/0 (any CIDR with prefix length 0)
#   exposes its ports to every address on the internet. Reported when such a
#   rule allows all traffic (protocol "-1" or "all"), or a TCP/UDP port range
#   that includes remote administration (SSH 22, RDP 3389) or a database port
#   (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, Redis 6379,
#   MongoDB 27017, Elasticsearch 9200). Checks ingress blocks of
#   aws_security_group (cidr_blocks, ipv6_cidr_blocks), aws_security_group_rule
#   with type "ingress", and aws_vpc_security_group_ingress_rule (cidr_ipv4,
#   cidr_ipv6). Public HTTP/HTTPS, ICMP, prefix lists and security group
#   sources are not reported; nor are rules whose protocol, ports or CIDRs
#   are not known until apply.
# custom:
#   id: aws-security-group-open-ingress
#   severity: high
#   theme: network-exposure
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
#   remediation: >-
#     Replace "0.0.0.0/0" / "::/0" in cidr_blocks, ipv6_cidr_blocks, cidr_ipv4
#     or cidr_ipv6 with the CIDRs of the networks that need the port (a VPN or
#     office range), or use source_security_group_id / prefix_list_ids
#     (referenced_security_group_id / prefix_list_id); reach instances through
#     SSM Session Manager or a bastion instead of opening SSH or RDP.
package tollgate.terraform.security_group_open_ingress

import rego.v1

import data.tollgate.lib.network
import data.tollgate.lib.tf

deny contains f if {
	some i, sg in tf.resources("aws_security_group")
	rules := tf.value(sg, ["ingress"], [])
	is_array(rules)
	some j, rule in rules
	is_object(rule)
	some f in list_findings(i, ["ingress", j], rule)
}

deny contains f if {
	some i, r in tf.resources("aws_security_group_rule")
	tf.value(r, ["type"], "") == "ingress"
	some f in list_findings(i, [], r.values)
}

deny contains f if {
	some i, r in tf.resources("aws_vpc_security_group_ingress_rule")
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	cidr := tf.value(r, [attr], null)
	network.open_cidr(cidr)
	opened := network.exposure(
		tf.value(r, ["ip_protocol"], null),
		tf.value(r, ["from_port"], null),
		tf.value(r, ["to_port"], null),
	)
	f := tf.finding(i, [attr], sprintf("ingress from %s allows %s", [cidr, opened]))
}

# list_findings reports the open CIDRs in the cidr_blocks and
# ipv6_cidr_blocks lists of an ingress block or rule (at path under values).
list_findings(i, path, rule) := {f |
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	cidrs := object.get(rule, attr, [])
	is_array(cidrs)
	some k, cidr in cidrs
	network.open_cidr(cidr)
	opened := network.exposure(
		object.get(rule, "protocol", null),
		object.get(rule, "from_port", null),
		object.get(rule, "to_port", null),
	)
	f := tf.finding(i, array.concat(path, [attr, k]), sprintf("ingress from %s allows %s", [cidr, opened]))
}
