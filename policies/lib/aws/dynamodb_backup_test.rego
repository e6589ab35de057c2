package tollgate.lib.aws.dynamodb_backup_test

import rego.v1

import data.tollgate.lib.aws.dynamodb

test_tables_and_replicas if {
	got := {[r.view.resource, r.field.path, r.field.value] | some r in dynamodb.recoveries} with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Orders": {"Type": "AWS::DynamoDB::Table", "Properties": {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}}},
		"Global": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"Replicas": [
			{"Region": "eu-west-1"},
			{"Region": "us-east-1", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false}},
			{"__unknown__": true, "expr": "If Replicate"},
		]}},
	}}
	got == {
		["Orders", ["Resources", "Orders", "Properties", "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"], true],
		["Global", ["Resources", "Global", "Properties", "Replicas", 0, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"], null],
		["Global", ["Resources", "Global", "Properties", "Replicas", 1, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"], false],
	}
}

test_terraform_replica_blocks if {
	got := {[r.field.path, r.field.value] | some r in dynamodb.recoveries} with input as {"tollgate": {"format": "terraform"}, "resources": [{
		"address": "aws_dynamodb_table.orders", "mode": "managed", "type": "aws_dynamodb_table",
		"values": {"point_in_time_recovery": [{"enabled": true}], "replica": [{"region_name": "us-east-1", "point_in_time_recovery": true}, {"region_name": "eu-central-1"}]},
	}]}
	got == {
		[["resources", 0, "values", "point_in_time_recovery", 0, "enabled"], true],
		[["resources", 0, "values", "replica", 0, "point_in_time_recovery"], true],
		[["resources", 0, "values", "replica", 1, "point_in_time_recovery"], null],
	}
}
