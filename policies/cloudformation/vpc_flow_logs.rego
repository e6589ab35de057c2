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
#   formats: [cloudformation]
#   resource_types: ["AWS::EC2::VPC", "AWS::EC2::FlowLog"]
#   remediation: >-
#     Add an AWS::EC2::FlowLog with ResourceType VPC, ResourceId !Ref the VPC,
#     TrafficType ALL and a LogDestination (S3 bucket or CloudWatch Logs
#     group).
package tollgate.cloudformation.vpc_flow_logs

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core

deny contains f if {
	some name, _ in cfn.resources("AWS::EC2::VPC")
	not has_flow_log(name)
	f := cfn.resource_finding(name, "VPC has no flow log (no AWS::EC2::FlowLog with ResourceType VPC refers to it)")
}

has_flow_log(name) if {
	some fl in cfn.resources("AWS::EC2::FlowLog")
	vpc_type(cfn.prop(fl, "ResourceType", null))
	covers(cfn.prop(fl, "ResourceId", null), name)
}

# ResourceType is required; an unset or unknown one may be VPC.
vpc_type(t) if t == "VPC"

vpc_type(t) if t == null

vpc_type(t) if core.is_unknown(t)

covers(id, name) if cfn.refers_to(id, name)

# An id that is not a reference to a VPC of this template (a parameter, an
# import, a subnet's VpcId attribute) may be any VPC's.
covers(id, _) if {
	core.is_unknown(id)
	not object.get(id, "ref", "") in object.keys(cfn.resources("AWS::EC2::VPC"))
}
