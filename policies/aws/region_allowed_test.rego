package tollgate.aws.region_allowed_test

import rego.v1

import data.tollgate.aws.region_allowed as rule
import data.tollgate.lib.aws.regions

provider(address, values) := {"name": "aws", "alias": "", "address": address, "module": "", "values": values}

doc := {
	"providers": [
		provider("provider.aws", {"region": "eu-central-1"}),
		provider("provider.aws.us", {"region": "us-east-1"}),
		provider("provider.aws.env", {}),
		provider("provider.aws.var", {"region": {"__unknown__": true, "expr": "var.region"}}),
	],
	"resources": [
		{"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "logs", "region": "ap-southeast-2"}},
		{"address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "data", "region": "EU-WEST-1"}},
		{"address": "aws_s3_bucket.plan", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "plan", "region": {"__unknown__": true, "expr": "region"}}},
		{"address": "data.aws_ami.x", "mode": "data", "type": "aws_ami", "values": {"region": "us-west-2"}},
	],
}

test_outside_allowed_regions if {
	got := rule.deny with input as doc with data.tollgate.config as {"allowed_regions": ["eu-central-1", "eu-west-1"]}
	got == {
		{
			"resource": "provider.aws.us",
			"path": ["providers", 1, "values", "region"],
			"message": "AWS provider provider.aws.us uses region us-east-1, which is not in allowed_regions",
			"remediation": rule.placement_fix,
		},
		{
			"resource": "aws_s3_bucket.logs",
			"path": ["resources", 0, "values", "region"],
			"message": "aws_s3_bucket.logs is placed in region ap-southeast-2, which is not in allowed_regions",
			"remediation": rule.placement_fix,
		},
	}
}

test_glob_patterns if {
	got := rule.deny with input as doc with data.tollgate.config as {"allowed_regions": ["eu-*"]}
	{f.resource | some f in got} == {"provider.aws.us", "aws_s3_bucket.logs"}
}

test_no_allow_list_no_findings if {
	got := rule.deny with input as doc with data.tollgate.config as {"allowed_regions": []}
	got == set()
	got2 := rule.deny with input as doc with data.tollgate.config as {}
	got2 == set()
	got3 := rule.deny with input as doc
	got3 == set()
}

eu := {"allowed_regions": ["eu-*"]}

cfn(resources, extra) := object.union({"tollgate": {"format": "cloudformation"}, "Resources": resources}, extra)

unknown(expr) := {"__unknown__": true, "expr": expr}

cdk(info) := {"tollgate": {"format": "cloudformation", "cdk": info}, "Resources": {}}

test_cdk_stack_region if {
	got := rule.deny with input as cdk({"stack": "Prod-Edge", "path": "Prod/Edge", "account": "1", "region": "us-east-1"}) with data.tollgate.config as eu
	got == {{
		"resource": "Prod/Edge",
		"path": ["tollgate", "cdk", "region"],
		"message": "CDK stack Prod/Edge is deployed to region us-east-1, which is not in allowed_regions",
		"remediation": "Set the stack's env to a region in allowed_regions (new Stack(app, id, {env: {region: ...}})), or have the data owner approve the region and add it to allowed_regions in .tollgate.yaml.",
	}}
	ok := rule.deny with input as cdk({"path": "Prod/Edge", "region": "eu-west-1"}) with data.tollgate.config as eu
	ok == set()
}

# A nested stack deploys where its parent does: reported once, at the parent.
test_cdk_nested_stack_not_reported_again if {
	got := rule.deny with input as cdk({"path": "S/N", "nested_in": "S", "region": "us-east-1"}) with data.tollgate.config as eu
	got == set()
}

# unknown-region is chosen at deploy time: unknown, neither a finding nor a
# pass (regions.agnostic tells the two apart).
test_cdk_environment_agnostic_is_unknown if {
	doc := cdk({"path": "S", "account": "unknown-account", "region": "unknown-region"})
	got := rule.deny with input as doc with data.tollgate.config as eu
	got == set()
	regions.agnostic with input as doc
	not regions.agnostic with input as cdk({"path": "S", "region": "eu-west-1"})
}

region_doc := cfn(
	{
		"Table": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"Replicas": [
			{"Region": "eu-west-1"},
			{"Region": "us-east-1"},
			{"Region": unknown("Ref AWS::Region")},
		]}},
		"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"AutomaticBackupReplicationRegion": "us-west-2"}},
		"DbEu": {"Type": "AWS::RDS::DBInstance", "Properties": {"AutomaticBackupReplicationRegion": "eu-central-1"}},
		"Set": {"Type": "AWS::CloudFormation::StackSet", "Properties": {"StackInstancesGroup": [{"Regions": ["eu-west-1", "ap-south-1"]}]}},
		"Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"ReplicaRegions": [{"Region": "*"}, {"Region": ""}]}},
		"Pipeline": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Stages": [{"Actions": [{"Name": "Build"}, {"Name": "Deploy", "Region": "us-west-1"}]}]}},
		"Snapshots": {"Type": "AWS::DLM::LifecyclePolicy", "Properties": {"PolicyDetails": {"Schedules": [{"CrossRegionCopyRules": [{"TargetRegion": "eu-north-1"}, {"TargetRegion": "ca-central-1"}]}]}}},
	},
	{},
)

test_cloudformation_region_settings if {
	got := rule.deny with input as region_doc with data.tollgate.config as eu
	{[f.resource, f.path, f.message] | some f in got} == {
		["Table", ["Resources", "Table", "Properties", "Replicas", 1, "Region"], "Replicas.Region places the global table replica in region us-east-1, which is not in allowed_regions"],
		["Db", ["Resources", "Db", "Properties", "AutomaticBackupReplicationRegion"], "AutomaticBackupReplicationRegion places the automated backup replica in region us-west-2, which is not in allowed_regions"],
		["Set", ["Resources", "Set", "Properties", "StackInstancesGroup", 0, "Regions", 1], "StackInstancesGroup.Regions places the StackSet instance in region ap-south-1, which is not in allowed_regions"],
		["Pipeline", ["Resources", "Pipeline", "Properties", "Stages", 0, "Actions", 1, "Region"], "Stages.Actions.Region places the cross-region pipeline action in region us-west-1, which is not in allowed_regions"],
		["Snapshots", ["Resources", "Snapshots", "Properties", "PolicyDetails", "Schedules", 0, "CrossRegionCopyRules", 1, "TargetRegion"], "PolicyDetails.Schedules.CrossRegionCopyRules.TargetRegion places the snapshot copy destination in region ca-central-1, which is not in allowed_regions"],
	}
	every f in got {
		f.remediation == rule.fix.cloudformation
	}
}

arn_doc := cfn(
	{
		"Plan": {"Type": "AWS::Backup::BackupPlan", "Properties": {"BackupPlan": {"BackupPlanRule": [{"CopyActions": [
			{"DestinationBackupVaultArn": "arn:aws:backup:us-east-1:111122223333:backup-vault:dr"},
			{"DestinationBackupVaultArn": "arn:aws:backup:eu-central-1:111122223333:backup-vault:eu"},
			{"DestinationBackupVaultArn": unknown("Fn::Sub arn:aws:backup:${AWS::Region}:${AWS::AccountId}:backup-vault:x")},
		]}]}}},
		"Rep": {"Type": "AWS::S3::Bucket", "Properties": {
			"ReplicationConfiguration": {"Rules": [{"Destination": {"Bucket": "arn:aws:s3:::replica-somewhere"}}]},
			"Tags": [{"Key": "source", "Value": "arn:aws:sns:us-east-1:111122223333:t"}],
		}},
		"Role": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyDocument": {"Statement": [{"Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/t"}]}}]}},
		"Perm": {"Type": "AWS::Lambda::Permission", "Properties": {"SourceArn": "arn:aws:events:us-east-1:111122223333:rule/r"}},
		"Policy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Resource": "arn:aws:sns:us-east-1:111122223333:t"}]}}},
		"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {
			"ViewerCertificate": {"AcmCertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/c"},
			"WebACLId": "arn:aws:wafv2:us-east-1:111122223333:global/webacl/w/1",
			"DefaultCacheBehavior": {"LambdaFunctionAssociations": [{"LambdaFunctionARN": "arn:aws:lambda:us-east-1:111122223333:function:edge:1"}]},
		}}},
		"Sub": {"Type": "AWS::SNS::Subscription", "Properties": {"TopicArn": "arn:aws:sns:us-west-2:111122223333:alerts", "Endpoint": "arn:aws:sqs:*:111122223333:q"}},
	},
	{},
)

test_cloudformation_arns if {
	got := rule.deny with input as arn_doc with data.tollgate.config as eu
	{[f.resource, f.path, f.message] | some f in got} == {
		["Plan", ["Resources", "Plan", "Properties", "BackupPlan", "BackupPlanRule", 0, "CopyActions", 0, "DestinationBackupVaultArn"], "BackupPlan.BackupPlanRule.CopyActions.DestinationBackupVaultArn refers to arn:aws:backup:us-east-1:111122223333:backup-vault:dr, a resource in region us-east-1, which is not in allowed_regions"],
		["Sub", ["Resources", "Sub", "Properties", "TopicArn"], "TopicArn refers to arn:aws:sns:us-west-2:111122223333:alerts, a resource in region us-west-2, which is not in allowed_regions"],
	}
}

# In a CDK stack, ARNs in the stack's own region are reported once, at the
# stack's environment.
test_cdk_own_region_reported_once if {
	doc := object.union(arn_doc, {"tollgate": {"cdk": {"path": "S", "region": "us-east-1"}}})
	got := rule.deny with input as doc with data.tollgate.config as eu
	{f.resource | some f in got} == {"S", "Sub"}
}

test_cloudformation_without_allow_list if {
	got := rule.deny with input as arn_doc with data.tollgate.config as {}
	got == set()
	got2 := rule.deny with input as cdk({"path": "S", "region": "us-east-1"})
	got2 == set()
}

tf_doc := {
	"tollgate": {"format": "terraform"},
	"providers": [provider("provider.aws", {"region": "eu-west-1"})],
	"resources": [
		{"address": "aws_dynamodb_table.t", "mode": "managed", "type": "aws_dynamodb_table", "values": {"replica": [
			{"region_name": "eu-central-1"},
			{"region_name": "us-east-2"},
			{"region_name": {"__unknown__": true, "expr": "var.dr_region"}},
		]}},
		{"address": "aws_backup_plan.p", "mode": "managed", "type": "aws_backup_plan", "values": {"rule": [{"copy_action": [
			{"destination_vault_arn": "arn:aws:backup:us-west-1:111122223333:backup-vault:dr"},
			{"destination_vault_arn": {"__unknown__": true, "expr": "aws_backup_vault.dr.arn"}},
		]}]}},
		{"address": "aws_db_instance_automated_backups_replication.r", "mode": "managed", "type": "aws_db_instance_automated_backups_replication", "values": {"source_db_instance_arn": "arn:aws:rds:ca-central-1:111122223333:db:prod"}},
		{"address": "aws_cloudformation_stack_instances.i", "mode": "managed", "type": "aws_cloudformation_stack_instances", "values": {"regions": ["eu-west-1", "sa-east-1"]}},
		{"address": "aws_db_instance.same_region_replica", "mode": "managed", "type": "aws_db_instance", "values": {"replicate_source_db": "prod"}},
		{"address": "aws_dlm_lifecycle_policy.ebs", "mode": "managed", "type": "aws_dlm_lifecycle_policy", "values": {"policy_details": [{"schedule": [{"cross_region_copy_rule": [
			{"target": "us-east-1"},
			{"target": "arn:aws:outposts:eu-west-1:111122223333:outpost/op-1"},
		]}]}]}},
		{"address": "data.aws_dynamodb_table.d", "mode": "data", "type": "aws_dynamodb_table", "values": {"replica": [{"region_name": "us-east-1"}]}},
	],
}

test_terraform_region_settings if {
	got := rule.deny with input as tf_doc with data.tollgate.config as eu
	{[f.resource, f.path, f.message] | some f in got} == {
		["aws_dynamodb_table.t", ["resources", 0, "values", "replica", 1, "region_name"], "replica.region_name places the global table replica in region us-east-2, which is not in allowed_regions"],
		["aws_backup_plan.p", ["resources", 1, "values", "rule", 0, "copy_action", 0, "destination_vault_arn"], "rule.copy_action.destination_vault_arn refers to arn:aws:backup:us-west-1:111122223333:backup-vault:dr, a backup copy destination vault in region us-west-1, which is not in allowed_regions"],
		["aws_db_instance_automated_backups_replication.r", ["resources", 2, "values", "source_db_instance_arn"], "source_db_instance_arn refers to arn:aws:rds:ca-central-1:111122223333:db:prod, a replicated DB instance in region ca-central-1, which is not in allowed_regions"],
		["aws_cloudformation_stack_instances.i", ["resources", 3, "values", "regions", 1], "regions places the StackSet instance in region sa-east-1, which is not in allowed_regions"],
		["aws_dlm_lifecycle_policy.ebs", ["resources", 5, "values", "policy_details", 0, "schedule", 0, "cross_region_copy_rule", 0, "target"], "policy_details.schedule.cross_region_copy_rule.target places the snapshot copy destination in region us-east-1, which is not in allowed_regions"],
	}
	every f in got {
		f.remediation == rule.fix.terraform
	}
}

# A plan holds the same values: the same findings.
test_terraform_plan_region_settings if {
	plan := object.union(tf_doc, {"tollgate": {"format": "terraform-plan"}})
	hcl := rule.deny with input as tf_doc with data.tollgate.config as eu
	got := rule.deny with input as plan with data.tollgate.config as eu
	count(got) == 5
	got == hcl
}
