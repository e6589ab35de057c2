package tollgate.terraform.vpc_flow_logs_test

import rego.v1

import data.tollgate.terraform.vpc_flow_logs as rule

vpc(address, values) := {"address": address, "mode": "managed", "type": "aws_vpc", "values": values}

flow_log(values) := {"address": "aws_flow_log.this", "mode": "managed", "type": "aws_flow_log", "values": values}

ref(address) := {"__unknown__": true, "expr": concat("", [address, ".id"]), "ref": address, "attribute": "id"}

test_no_flow_log if {
	rule.deny == {{
		"resource": "aws_vpc.main",
		"path": ["resources", 0],
		"message": "VPC has no flow log (no aws_flow_log has a vpc_id that refers to it)",
	}} with input as {"resources": [vpc("aws_vpc.main", {"cidr_block": "10.0.0.0/16"})]}
}

test_flow_log_by_reference if {
	count(rule.deny) == 0 with input as {"resources": [
		vpc("aws_vpc.main", {"cidr_block": "10.0.0.0/16"}),
		flow_log({"vpc_id": ref("aws_vpc.main"), "traffic_type": "ALL"}),
	]}
}

test_for_each_instances if {
	# for_each = aws_vpc.env; vpc_id = each.value.id refers to the matching instance
	got := rule.deny with input as {"resources": [
		vpc("aws_vpc.env[\"prod\"]", {}),
		vpc("aws_vpc.env[\"staging\"]", {}),
		flow_log({"vpc_id": {"__unknown__": true, "expr": "each.value.id", "ref": "aws_vpc.env[\"prod\"]"}}),
	]}
	{f.resource | some f in got} == {"aws_vpc.env[\"staging\"]"}
}

test_flow_log_of_another_vpc_or_subnet if {
	got := rule.deny with input as {"resources": [
		vpc("aws_vpc.main", {}),
		vpc("aws_vpc.egress", {}),
		flow_log({"vpc_id": ref("aws_vpc.egress")}),
		flow_log({"subnet_id": ref("aws_subnet.a"), "vpc_id": null}),
	]}
	{f.resource | some f in got} == {"aws_vpc.main"}
}

test_plan_literal_id if {
	count(rule.deny) == 0 with input as {"resources": [
		vpc("aws_vpc.main", {"id": "vpc-0123456789abcdef0"}),
		flow_log({"vpc_id": "vpc-0123456789abcdef0"}),
	]}
	count(rule.deny) == 1 with input as {"resources": [
		vpc("aws_vpc.main", {"id": "vpc-0123456789abcdef0"}),
		flow_log({"vpc_id": "vpc-0fedcba9876543210"}),
	]}
}

test_unresolved_vpc_id_covers_any if {
	count(rule.deny) == 0 with input as {"resources": [
		vpc("aws_vpc.main", {}),
		flow_log({"vpc_id": {"__unknown__": true, "expr": "var.vpc_id"}}),
	]}
}

default_vpc := {"address": "aws_default_vpc.this", "mode": "managed", "type": "aws_default_vpc", "values": {"enable_dns_hostnames": true}}

test_managed_default_vpc_without_flow_log if {
	rule.deny == {{
		"resource": "aws_default_vpc.this",
		"path": ["resources", 0],
		"message": "default VPC has no flow log (no aws_flow_log has a vpc_id that refers to it)",
	}} with input as {"resources": [default_vpc]}
}

test_managed_default_vpc_with_flow_log if {
	count(rule.deny) == 0 with input as {"resources": [default_vpc, flow_log({"vpc_id": ref("aws_default_vpc.this"), "traffic_type": "ALL"})]}
}

test_flow_log_of_created_vpc_does_not_cover_default_vpc if {
	{f.resource | some f in rule.deny} == {"aws_default_vpc.this"} with input as {"resources": [
		default_vpc,
		vpc("aws_vpc.main", {}),
		flow_log({"vpc_id": ref("aws_vpc.main"), "traffic_type": "ALL"}),
	]}
}

test_unresolved_flow_log_may_cover_default_vpc if {
	count(rule.deny) == 0 with input as {"resources": [default_vpc, flow_log({"vpc_id": {"__unknown__": true, "expr": "var.vpc_id"}})]}
}
