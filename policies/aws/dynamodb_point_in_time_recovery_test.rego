package tollgate.aws.dynamodb_point_in_time_recovery_test

import rego.v1

import data.tollgate.aws.dynamodb_point_in_time_recovery as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

test_cloudformation_missing if {
	rule.deny == {{
		"resource": "Orders",
		"path": ["Resources", "Orders", "Properties", "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"],
		"message": "point-in-time recovery is not enabled (PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn({"Orders": {"Type": "AWS::DynamoDB::Table", "Properties": {"BillingMode": "PAY_PER_REQUEST"}}})
}

test_cloudformation_values if {
	got := rule.deny with input as cfn({
		"Off": {"Type": "AWS::DynamoDB::Table", "Properties": {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": "false"}}},
		"On": {"Type": "AWS::DynamoDB::Table", "Properties": {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}},
		"Param": {"Type": "AWS::DynamoDB::Table", "Properties": {"PointInTimeRecoverySpecification": {"__unknown__": true, "expr": "If Prod"}}},
	})
	{f.resource | some f in got} == {"Off"}
}

test_cloudformation_global_table_replicas if {
	got := rule.deny with input as cfn({"Global": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"Replicas": [
		{"Region": "eu-west-1", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}},
		{"Region": "us-east-1"},
	]}}})
	{f.path | some f in got} == {["Resources", "Global", "Properties", "Replicas", 1, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"]}
}

tf_table(values) := {"address": "aws_dynamodb_table.orders", "mode": "managed", "type": "aws_dynamodb_table", "values": values}

test_terraform if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_table({"name": "orders"}),
		tf_table({"point_in_time_recovery": [{"enabled": true}], "replica": [{"region_name": "us-east-1"}]}),
		tf_table({"point_in_time_recovery": [{"enabled": {"__unknown__": true, "expr": "var.pitr"}}]}),
	]}
	got == {
		{
			"resource": "aws_dynamodb_table.orders",
			"path": ["resources", 0, "values", "point_in_time_recovery", 0, "enabled"],
			"message": "point-in-time recovery is not enabled (point_in_time_recovery.enabled is not true)",
			"remediation": rule.fix.terraform,
		},
		{
			"resource": "aws_dynamodb_table.orders",
			"path": ["resources", 1, "values", "replica", 0, "point_in_time_recovery"],
			"message": "point-in-time recovery is not enabled (replica.point_in_time_recovery is not true)",
			"remediation": rule.fix.terraform,
		},
	}
}

# A plan shows the block as the provider computes it: unknown when the
# configuration does not set it, the value when it does.
test_plan if {
	got := rule.deny with input as {"tollgate": {"format": "terraform-plan"}, "resources": [
		tf_table({"point_in_time_recovery": {"__unknown__": true, "expr": "point_in_time_recovery"}}),
		tf_table({"point_in_time_recovery": [{"enabled": false, "recovery_period_in_days": 35}]}),
	]}
	{f.path | some f in got} == {["resources", 1, "values", "point_in_time_recovery", 0, "enabled"]}
}
