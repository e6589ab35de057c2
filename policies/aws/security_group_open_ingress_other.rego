# METADATA
# title: Security groups open only HTTP and HTTPS to the internet
# description: >-
#   An ingress rule from 0.0.0.0/0 or ::/0 (any CIDR with prefix length 0)
#   exposes its ports to every address on the internet. Reported when such
#   a TCP or UDP rule opens a port other than 80 and 443 (a range reports
#   the ports it holds besides those) and aws-security-group-open-ingress
#   does not already report it for all traffic, an administrative or a
#   database port. Public web traffic on 80 and 443 is what a load balancer
#   or web server is for; anything else open to the world (an application
#   port, a message broker, a debug endpoint) usually belongs behind a load
#   balancer or limited to known networks. ICMP, prefix lists and security
#   group sources are not reported; nor are rules whose protocol, ports or
#   CIDR are not known until deployment.
# custom:
#   id: aws-security-group-open-ingress-other
#   severity: medium
#   theme: network-exposure
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress", "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
#   remediation: >-
#     Limit the rule to the CIDRs of the networks that use the port, or to
#     SourceSecurityGroupId / SourcePrefixListId (a load balancer's security
#     group); publish applications through a load balancer on 443.
package tollgate.aws.security_group_open_ingress_other

import rego.v1

import data.tollgate.lib.aws.security_groups
import data.tollgate.lib.network
import data.tollgate.lib.view

fix := {
	"cloudformation": "Limit the rule to the CIDRs of the networks that use the port, or to SourceSecurityGroupId / SourcePrefixListId (a load balancer's security group); publish applications through a load balancer on 443.",
	"terraform": "Replace \"0.0.0.0/0\" / \"::/0\" with the CIDRs of the networks that use the port, or use source_security_group_id / prefix_list_ids (referenced_security_group_id / prefix_list_id), e.g. the load balancer's security group; publish applications through a load balancer on 443.",
}

# web_ports are what public web servers and load balancers listen on.
web_ports := {80, 443}

deny contains f if {
	some rule in security_groups.ingress
	some cidr in rule.cidrs
	network.open_cidr(cidr.value)
	not network.exposure(rule.protocol, rule.from_port, rule.to_port)
	opened := other_ports(rule.protocol, rule.from_port, rule.to_port)
	f := view.field_finding(rule.resource, cidr, sprintf("ingress from %s allows %s", [cidr.value, opened]), fix)
}

# other_ports describes a TCP/UDP range that holds a port besides 80 and
# 443; undefined for other protocols and unknown ports.
other_ports(p, from, to) := sprintf("%s %s", [proto, network.port_range(lo, hi)]) if {
	proto := network.protocol(p)
	proto in {"tcp", "udp"}
	lo := network.port(from)
	hi := network.port(to)
	lo <= hi
	(hi - lo) + 1 > count({n | some n in web_ports; lo <= n; n <= hi})
}
