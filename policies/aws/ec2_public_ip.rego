# METADATA
# title: Instances and launch templates do not assign public IP addresses
# description: >-
#   An instance with a public IPv4 address is reachable from the internet
#   wherever its security groups allow, and pays for the address. Reported
#   where AssociatePublicIpAddress is true on a network interface of
#   AWS::EC2::Instance or of an AWS::EC2::LaunchTemplate's
#   LaunchTemplateData, or on an AWS::AutoScaling::LaunchConfiguration;
#   in Terraform associate_public_ip_address of aws_instance,
#   aws_spot_instance_request, aws_launch_configuration and the
#   network_interfaces of aws_launch_template. Instances that take the
#   subnet's MapPublicIpOnLaunch are aws-subnet-map-public-ip-on-launch.
#   Values unknown until deployment are not reported.
# custom:
#   id: aws-ec2-public-ip
#   severity: medium
#   theme: network-exposure
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "aws_instance", "aws_launch_configuration", "aws_launch_template", "aws_spot_instance_request"]
#   remediation: >-
#     Set AssociatePublicIpAddress to false and launch into private subnets;
#     publish services through a load balancer and reach instances through
#     SSM Session Manager; use a NAT gateway for outbound traffic.
package tollgate.aws.ec2_public_ip

import rego.v1

import data.tollgate.lib.aws.exposure
import data.tollgate.lib.core
import data.tollgate.lib.view

deny contains f if {
	some s in exposure.public_ip_settings
	core.is_true(s.field.value)
	f := view.field_finding(s.resource, s.field, sprintf("%s assigns a public IPv4 address at launch (%s is true)", [s.resource.type, s.field.name]), {})
}
