package tollgate.aws.vpc_flow_logs_test

import rego.v1

import data.tollgate.aws.vpc_flow_logs as rule

# CloudFormation (and CDK)

cfn_vpc := {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}

cfn_ref(name) := {"__unknown__": true, "expr": concat(" ", ["Ref", name]), "ref": name}

cfn_flow_log(type, id) := {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceType": type, "ResourceId": id, "TrafficType": "ALL"}}

test_cloudformation_no_flow_log if {
	rule.deny == {{
		"resource": "AppVpc",
		"path": ["Resources", "AppVpc"],
		"message": "VPC has no flow log (no AWS::EC2::FlowLog with ResourceType VPC refers to it)",
		"remediation": rule.fix.cloudformation,
	}} with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"AppVpc": cfn_vpc}}
}

test_cloudformation_flow_log_for_the_vpc if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"AppVpc": cfn_vpc, "Log": cfn_flow_log("VPC", cfn_ref("AppVpc"))}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"AppVpc": cfn_vpc, "Log": cfn_flow_log("VPC", {"__unknown__": true, "expr": "GetAtt AppVpc.VpcId", "ref": "AppVpc", "attribute": "VpcId"})}}
}

test_cloudformation_flow_log_for_another_vpc if {
	got := rule.deny with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"AppVpc": cfn_vpc, "Other": cfn_vpc, "Log": cfn_flow_log("VPC", cfn_ref("Other"))}}
	{f.resource | some f in got} == {"AppVpc"}
}

test_cloudformation_subnet_flow_log_does_not_cover if {
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"AppVpc": cfn_vpc,
		"Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": cfn_ref("AppVpc")}},
		"Log": cfn_flow_log("Subnet", cfn_ref("Subnet")),
	}}
}

test_cloudformation_literal_vpc_id_does_not_cover if {
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"AppVpc": cfn_vpc, "Log": cfn_flow_log("VPC", "vpc-0123456789abcdef0")}}
}

test_cloudformation_unresolved_resource_covers_any if {
	# a parameter or an import may be this VPC's id
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"AppVpc": cfn_vpc, "Log": cfn_flow_log("VPC", cfn_ref("VpcIdParam"))}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"AppVpc": cfn_vpc, "Log": cfn_flow_log("VPC", {"__unknown__": true, "expr": "ImportValue network-VpcId"})}}
}

test_cloudformation_unknown_resource_type if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"AppVpc": cfn_vpc, "Log": cfn_flow_log({"__unknown__": true, "expr": "Ref LogType", "ref": "LogType"}, cfn_ref("AppVpc"))}}
}

# Terraform

tf_vpc(address, values) := {"address": address, "mode": "managed", "type": "aws_vpc", "values": values}

tf_flow_log(values) := {"address": "aws_flow_log.this", "mode": "managed", "type": "aws_flow_log", "values": values}

tf_ref(address) := {"__unknown__": true, "expr": concat("", [address, ".id"]), "ref": address, "attribute": "id"}

test_terraform_no_flow_log if {
	rule.deny == {{
		"resource": "aws_vpc.main",
		"path": ["resources", 0],
		"message": "VPC has no flow log (no aws_flow_log has a vpc_id that refers to it)",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_vpc("aws_vpc.main", {"cidr_block": "10.0.0.0/16"})]}
}

test_terraform_flow_log_by_reference if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_vpc("aws_vpc.main", {"cidr_block": "10.0.0.0/16"}),
		tf_flow_log({"vpc_id": tf_ref("aws_vpc.main"), "traffic_type": "ALL"}),
	]}
}

test_terraform_for_each_instances if {
	# for_each = aws_vpc.env; vpc_id = each.value.id refers to the matching instance
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_vpc("aws_vpc.env[\"prod\"]", {}),
		tf_vpc("aws_vpc.env[\"staging\"]", {}),
		tf_flow_log({"vpc_id": {"__unknown__": true, "expr": "each.value.id", "ref": "aws_vpc.env[\"prod\"]"}}),
	]}
	{f.resource | some f in got} == {"aws_vpc.env[\"staging\"]"}
}

test_terraform_flow_log_of_another_vpc_or_subnet if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_vpc("aws_vpc.main", {}),
		tf_vpc("aws_vpc.egress", {}),
		tf_flow_log({"vpc_id": tf_ref("aws_vpc.egress")}),
		tf_flow_log({"subnet_id": tf_ref("aws_subnet.a"), "vpc_id": null}),
	]}
	{f.resource | some f in got} == {"aws_vpc.main"}
}

test_terraform_plan_literal_id if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_vpc("aws_vpc.main", {"id": "vpc-0123456789abcdef0"}),
		tf_flow_log({"vpc_id": "vpc-0123456789abcdef0"}),
	]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_vpc("aws_vpc.main", {"id": "vpc-0123456789abcdef0"}),
		tf_flow_log({"vpc_id": "vpc-0fedcba9876543210"}),
	]}
}

test_terraform_unresolved_vpc_id_covers_any if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_vpc("aws_vpc.main", {}),
		tf_flow_log({"vpc_id": {"__unknown__": true, "expr": "var.vpc_id"}}),
	]}
}

default_vpc := {"address": "aws_default_vpc.this", "mode": "managed", "type": "aws_default_vpc", "values": {"enable_dns_hostnames": true}}

test_terraform_managed_default_vpc_without_flow_log if {
	rule.deny == {{
		"resource": "aws_default_vpc.this",
		"path": ["resources", 0],
		"message": "default VPC has no flow log (no aws_flow_log has a vpc_id that refers to it)",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [default_vpc]}
}

test_terraform_managed_default_vpc_with_flow_log if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [default_vpc, tf_flow_log({"vpc_id": tf_ref("aws_default_vpc.this"), "traffic_type": "ALL"})]}
}

test_terraform_flow_log_of_created_vpc_does_not_cover_default_vpc if {
	{f.resource | some f in rule.deny} == {"aws_default_vpc.this"} with input as {"tollgate": {"format": "terraform"}, "resources": [
		default_vpc,
		tf_vpc("aws_vpc.main", {}),
		tf_flow_log({"vpc_id": tf_ref("aws_vpc.main"), "traffic_type": "ALL"}),
	]}
}

test_terraform_unresolved_flow_log_may_cover_default_vpc if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [default_vpc, tf_flow_log({"vpc_id": {"__unknown__": true, "expr": "var.vpc_id"}})]}
}
