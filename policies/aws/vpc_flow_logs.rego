# METADATA
# title: VPCs have flow logs
# description: >-
#   Without flow logs there is no record of the traffic that reached, left
#   or was rejected in a VPC, which incident response and anomaly detection
#   depend on. Every AWS::EC2::VPC needs an AWS::EC2::FlowLog with
#   ResourceType VPC whose ResourceId refers to it. A flow log whose
#   ResourceId cannot be resolved to a VPC of the template (a parameter, an
#   import) may be for any VPC, so then no VPC is reported.
# custom:
#   id: aws-vpc-flow-logs
#   severity: medium
#   theme: logging
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::EC2::FlowLog", "AWS::EC2::VPC", "aws_default_vpc", "aws_flow_log", "aws_vpc"]
#   remediation: >-
#     Add an AWS::EC2::FlowLog with ResourceType VPC, ResourceId !Ref the VPC,
#     TrafficType ALL and a LogDestination (S3 bucket or CloudWatch Logs
#     group).
package tollgate.aws.vpc_flow_logs

import rego.v1

import data.tollgate.lib.aws.vpc
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Add an AWS::EC2::FlowLog with ResourceType VPC, ResourceId !Ref the VPC, TrafficType ALL and a LogDestination (S3 bucket or CloudWatch Logs group).",
	"terraform": "Add an aws_flow_log with vpc_id = aws_vpc.<name>.id, traffic_type = \"ALL\" and a log_destination (S3 bucket or CloudWatch Logs group ARN).",
}

# How each format ties a flow log to its VPC, for the message.
how := {
	"cloudformation": "no AWS::EC2::FlowLog with ResourceType VPC refers to it",
	"terraform": "no aws_flow_log has a vpc_id that refers to it",
}

deny contains f if {
	some v in vpc.vpcs
	not vpc.flow_logged(v)
	f := view.resource_finding(v, sprintf("%s has no flow log (%s)", [noun(v), how[v.family]]), fix)
}

noun(v) := "default VPC" if v.type == "aws_default_vpc"

else := "VPC"
