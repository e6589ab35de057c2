# METADATA
# title: Network ACLs do not open administrative ports or all traffic to the internet
# description: >-
#   A network ACL inbound entry that allows 0.0.0.0/0 or ::/0 lets every
#   address on the internet reach the subnets it guards on those ports;
#   only security groups are left in the way. Reported for allow entries
#   (AWS::EC2::NetworkAclEntry with Egress false, aws_network_acl_rule
#   with egress false, ingress blocks of aws_network_acl and
#   aws_default_network_acl) that open every protocol (-1) or a TCP/UDP
#   range holding SSH (22) or RDP (3389). The ephemeral return ports
#   (1024-65535 and narrower ranges up to 65535, which stateless ACLs need for
#   replies) and web ports are not reported. Rule numbers are not
#   compared: a lower-numbered deny that shadows the entry is not looked
#   for, so remove the allow instead. Entries whose protocol, ports or CIDR
#   are unknown until deployment are not reported.
# custom:
#   id: aws-nacl-open-admin-ports
#   severity: medium
#   theme: network-exposure
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::EC2::NetworkAclEntry", "aws_default_network_acl", "aws_network_acl", "aws_network_acl_rule"]
#   remediation: >-
#     Allow only the ports the subnet serves (443, the ephemeral range for
#     return traffic) from 0.0.0.0/0, and SSH or RDP only from the CIDR of
#     a VPN or bastion network; better, reach instances through SSM
#     Session Manager.
package tollgate.aws.nacl_open_admin_ports

import rego.v1

import data.tollgate.lib.aws.exposure
import data.tollgate.lib.network
import data.tollgate.lib.view

deny contains f if {
	some e in exposure.nacl_ingress
	some cidr in e.cidrs
	network.open_cidr(cidr.value)
	opened := exposure.nacl_exposure(e.protocol, e.from_port, e.to_port)
	f := view.field_finding(e.resource, cidr, sprintf("network ACL allows inbound %s from %s", [opened, cidr.value]), {})
}
