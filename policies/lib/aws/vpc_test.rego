package tollgate.lib.aws.vpc_test

import rego.v1

import data.tollgate.lib.aws.vpc

vpc_ref := {"__unknown__": true, "expr": "Ref Vpc", "ref": "Vpc"}

param := {"__unknown__": true, "expr": "Ref VpcId", "ref": "VpcId"}

cfn(flow_log) := {"tollgate": {"format": "cloudformation"}, "Resources": object.union(
	{"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}},
	flow_log,
)}

test_cloudformation_flow_log_by_reference if {
	vpc.flow_logged(vpc.vpcs.Vpc) with input as cfn({"Log": {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceType": "VPC", "ResourceId": vpc_ref}}})
	not vpc.flow_logged(vpc.vpcs.Vpc) with input as cfn({"Log": {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceType": "Subnet", "ResourceId": vpc_ref}}})
	not vpc.flow_logged(vpc.vpcs.Vpc) with input as cfn({})
}

test_cloudformation_unresolved_target_may_be_any_vpc if {
	vpc.flow_logged(vpc.vpcs.Vpc) with input as cfn({"Log": {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceType": "VPC", "ResourceId": param}}})
}

tf(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

test_terraform_vpc_and_default_vpc if {
	vs := vpc.vpcs with input as tf([
		{"address": "aws_default_vpc.d", "mode": "managed", "type": "aws_default_vpc", "values": {}},
		{"address": "aws_flow_log.f", "mode": "managed", "type": "aws_flow_log", "values": {"vpc_id": {"__unknown__": true, "expr": "aws_vpc.v.id", "ref": "aws_vpc.v", "attribute": "id"}}},
		{"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "values": {}},
	])
	{v.type | some v in vs} == {"aws_default_vpc", "aws_vpc"}
	vpc.flow_logged(vs[2]) with input as tf([
		{"address": "aws_default_vpc.d", "mode": "managed", "type": "aws_default_vpc", "values": {}},
		{"address": "aws_flow_log.f", "mode": "managed", "type": "aws_flow_log", "values": {"vpc_id": {"__unknown__": true, "expr": "aws_vpc.v.id", "ref": "aws_vpc.v", "attribute": "id"}}},
		{"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "values": {}},
	])
	not vpc.flow_logged(vs[0]) with input as tf([
		{"address": "aws_default_vpc.d", "mode": "managed", "type": "aws_default_vpc", "values": {}},
		{"address": "aws_flow_log.f", "mode": "managed", "type": "aws_flow_log", "values": {"vpc_id": {"__unknown__": true, "expr": "aws_vpc.v.id", "ref": "aws_vpc.v", "attribute": "id"}}},
		{"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "values": {}},
	])
}
