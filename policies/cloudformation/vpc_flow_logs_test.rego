package tollgate.cloudformation.vpc_flow_logs_test

import rego.v1

import data.tollgate.cloudformation.vpc_flow_logs as rule

vpc := {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}

ref(name) := {"__unknown__": true, "expr": concat(" ", ["Ref", name]), "ref": name}

flow_log(type, id) := {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceType": type, "ResourceId": id, "TrafficType": "ALL"}}

test_no_flow_log if {
	rule.deny == {{
		"resource": "AppVpc",
		"path": ["Resources", "AppVpc"],
		"message": "VPC has no flow log (no AWS::EC2::FlowLog with ResourceType VPC refers to it)",
	}} with input as {"Resources": {"AppVpc": vpc}}
}

test_flow_log_for_the_vpc if {
	count(rule.deny) == 0 with input as {"Resources": {"AppVpc": vpc, "Log": flow_log("VPC", ref("AppVpc"))}}
	count(rule.deny) == 0 with input as {"Resources": {"AppVpc": vpc, "Log": flow_log("VPC", {"__unknown__": true, "expr": "GetAtt AppVpc.VpcId", "ref": "AppVpc", "attribute": "VpcId"})}}
}

test_flow_log_for_another_vpc if {
	got := rule.deny with input as {"Resources": {"AppVpc": vpc, "Other": vpc, "Log": flow_log("VPC", ref("Other"))}}
	{f.resource | some f in got} == {"AppVpc"}
}

test_subnet_flow_log_does_not_cover if {
	count(rule.deny) == 1 with input as {"Resources": {
		"AppVpc": vpc,
		"Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": ref("AppVpc")}},
		"Log": flow_log("Subnet", ref("Subnet")),
	}}
}

test_literal_vpc_id_does_not_cover if {
	count(rule.deny) == 1 with input as {"Resources": {"AppVpc": vpc, "Log": flow_log("VPC", "vpc-0123456789abcdef0")}}
}

test_unresolved_resource_covers_any if {
	# a parameter or an import may be this VPC's id
	count(rule.deny) == 0 with input as {"Resources": {"AppVpc": vpc, "Log": flow_log("VPC", ref("VpcIdParam"))}}
	count(rule.deny) == 0 with input as {"Resources": {"AppVpc": vpc, "Log": flow_log("VPC", {"__unknown__": true, "expr": "ImportValue network-VpcId"})}}
}

test_unknown_resource_type if {
	count(rule.deny) == 0 with input as {"Resources": {"AppVpc": vpc, "Log": flow_log({"__unknown__": true, "expr": "Ref LogType", "ref": "LogType"}, ref("AppVpc"))}}
}
