package tollgate.aws.rds_backup_retention_test

import rego.v1

import data.tollgate.aws.rds_backup_retention as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

test_cloudformation_default if {
	rule.deny == {{
		"resource": "Orders",
		"path": ["Resources", "Orders", "Properties", "BackupRetentionPeriod"],
		"message": "BackupRetentionPeriod is not set: automated backups are kept 1 day, under the required 7 days",
		"remediation": "Set BackupRetentionPeriod to 7 or more (at most 35).",
	}} with input as cfn({"Orders": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "postgres"}}})
}

test_cloudformation_short_and_long if {
	got := rule.deny with input as cfn({
		"Short": {"Type": "AWS::RDS::DBCluster", "Properties": {"BackupRetentionPeriod": 3}},
		"Off": {"Type": "AWS::RDS::DBInstance", "Properties": {"BackupRetentionPeriod": "0"}},
		"Week": {"Type": "AWS::RDS::DBCluster", "Properties": {"BackupRetentionPeriod": 7}},
		"Month": {"Type": "AWS::DocDB::DBCluster", "Properties": {"BackupRetentionPeriod": "35"}},
		"Param": {"Type": "AWS::Neptune::DBCluster", "Properties": {"BackupRetentionPeriod": {"__unknown__": true, "expr": "Ref Days", "ref": "Days"}}},
	})
	{[f.resource, f.message] | some f in got} == {
		["Short", "BackupRetentionPeriod keeps automated backups 3 days, under the required 7 days"],
		["Off", "BackupRetentionPeriod keeps automated backups 0 days (none), under the required 7 days"],
	}
}

test_configured_minimum if {
	got := rule.deny with input as cfn({
		"Week": {"Type": "AWS::RDS::DBCluster", "Properties": {"BackupRetentionPeriod": 7}},
		"Month": {"Type": "AWS::RDS::DBCluster", "Properties": {"BackupRetentionPeriod": 30}},
	})
		with data.tollgate.config.backup_retention_days as 14
	{f.resource | some f in got} == {"Week"}
}

test_members_replicas_and_restores_are_not_reported if {
	count(rule.deny) == 0 with input as cfn({
		"Cluster": {"Type": "AWS::RDS::DBCluster", "Properties": {"BackupRetentionPeriod": 14}},
		"Member": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBClusterIdentifier": {"__unknown__": true, "expr": "Ref Cluster", "ref": "Cluster"}}},
		"Replica": {"Type": "AWS::RDS::DBInstance", "Properties": {"SourceDBInstanceIdentifier": "orders"}},
		"Restore": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBSnapshotIdentifier": "orders-final"}},
	})
}

tf(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

test_terraform if {
	got := rule.deny with input as tf([
		{"address": "aws_db_instance.orders", "mode": "managed", "type": "aws_db_instance", "values": {"engine": "postgres"}},
		{"address": "aws_rds_cluster.ledger", "mode": "managed", "type": "aws_rds_cluster", "values": {"engine": "aurora-postgresql", "backup_retention_period": 5}},
		{"address": "aws_rds_cluster.audit", "mode": "managed", "type": "aws_rds_cluster", "values": {"engine": "aurora-postgresql", "backup_retention_period": 30}},
		{"address": "aws_db_instance.aurora", "mode": "managed", "type": "aws_db_instance", "values": {"engine": "aurora-mysql"}},
		{"address": "aws_db_instance.var", "mode": "managed", "type": "aws_db_instance", "values": {"backup_retention_period": {"__unknown__": true, "expr": "var.days"}}},
	])
	got == {
		{
			"resource": "aws_db_instance.orders",
			"path": ["resources", 0, "values", "backup_retention_period"],
			"message": "backup_retention_period is not set: automated backups are kept 0 days (none), under the required 7 days",
			"remediation": "Set backup_retention_period = 7 or more (at most 35).",
		},
		{
			"resource": "aws_rds_cluster.ledger",
			"path": ["resources", 1, "values", "backup_retention_period"],
			"message": "backup_retention_period keeps automated backups 5 days, under the required 7 days",
			"remediation": "Set backup_retention_period = 7 or more (at most 35).",
		},
	}
}

# A plan leaves an argument the provider computes unknown until apply.
test_plan_unknown if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform-plan"}, "resources": [{"address": "aws_db_instance.orders", "mode": "managed", "type": "aws_db_instance", "values": {"backup_retention_period": {"__unknown__": true, "expr": "(known after apply)"}}}]}
}
