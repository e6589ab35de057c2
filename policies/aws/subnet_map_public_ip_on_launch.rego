# METADATA
# title: Subnets do not give every instance a public IP address
# description: >-
#   With MapPublicIpOnLaunch (map_public_ip_on_launch) true, every network
#   interface launched into the subnet gets a public IPv4 address unless
#   its launch says otherwise, so any instance placed there is reachable
#   from the internet wherever its security groups allow. Reported on
#   AWS::EC2::Subnet, aws_subnet and aws_default_subnet when the setting is
#   true (the default is false for subnets you create; a default subnet
#   adopted by aws_default_subnet is reported only when the configuration
#   sets it). Public subnets for load balancers and NAT gateways do not
#   need it: those get their addresses themselves. Informational (it does
#   not block at the default fail_on): the setting exposes nothing until an
#   instance lands in the subnet, and every public subnet of a sample VPC
#   (CDK's default Vpc included) has it, while aws-ec2-public-ip reports
#   the instances that do get an address. Values unknown until deployment
#   are not reported.
# custom:
#   id: aws-subnet-map-public-ip-on-launch
#   severity: info
#   theme: network-exposure
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::EC2::Subnet", "aws_default_subnet", "aws_subnet"]
#   remediation: >-
#     Set MapPublicIpOnLaunch to false (CDK: mapPublicIpOnLaunch: false on
#     public subnet configurations); give a public address only to the
#     instances that need one, at launch.
package tollgate.aws.subnet_map_public_ip_on_launch

import rego.v1

import data.tollgate.lib.aws.exposure
import data.tollgate.lib.core
import data.tollgate.lib.view

deny contains f if {
	some s in exposure.subnets
	core.is_true(view.value(s, "map_public_ip"))
	f := view.finding(s, "map_public_ip", sprintf("subnet gives every instance launched into it a public IPv4 address (%s is true)", [view.spelled(s, "map_public_ip")]), {})
}
