# METADATA
# title: Resources are deployed in allowed regions
# description: >-
#   When the configuration lists allowed_regions, every region a deployment
#   names must be one of them: data stored elsewhere may breach residency
#   obligations. Checked are Terraform aws providers' region and each
#   resource's own region argument (AWS provider v6); a CDK stack's
#   environment region (at its manifest.json environment line); settings
#   that place or copy data in another region in CloudFormation and
#   Terraform (DynamoDB global table replicas, RDS automated backup
#   replication and cross-region replica sources, AWS Backup copy
#   destinations, StackSet instance regions, Secrets Manager replicas, ECR
#   replication, Redshift snapshot copies, ElastiCache global datastores,
#   VPC and transit gateway peering, Route 53 latency records, SSM data
#   sync buckets, Global Accelerator endpoint groups, Config aggregator
#   authorizations, KMS replica keys' primary, cross-region CodePipeline
#   actions and artifact stores, Data Lifecycle Manager snapshot copies,
#   Keyspaces replicas); and in CloudFormation every
#   literal ARN with a region in a resource's properties, except in
#   permissions (IAM, resource and key policies, Lambda permissions), tags,
#   and CloudFront's certificate, web ACL and Lambda@Edge functions, which
#   AWS requires in us-east-1. Entries may be glob patterns (eu-*). A
#   region that is not known statically is not judged: Terraform's
#   AWS_REGION or a variable without a value, CloudFormation's Ref
#   AWS::Region and ${AWS::Region} (the region the template is deployed to,
#   which a plain template does not name), an ARN computed by an intrinsic,
#   an environment-agnostic CDK stack (unknown-region: the region is chosen
#   at deploy time, which a note at its manifest environment line says;
#   give the stack an env to have it checked). S3 bucket
#   ARNs (replication destinations) carry no region and are not judged.
#   Without allowed_regions the rule reports nothing.
# custom:
#   id: aws-region-allowed
#   severity: high
#   theme: residency
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["provider.aws", "CDK stack", "AWS::Cassandra::Keyspace", "AWS::Cassandra::Table", "AWS::CloudFormation::StackSet", "AWS::CodePipeline::Pipeline", "AWS::Config::AggregationAuthorization", "AWS::DLM::LifecyclePolicy", "AWS::DynamoDB::GlobalTable", "AWS::EC2::TransitGatewayPeeringAttachment", "AWS::EC2::VPCPeeringConnection", "AWS::ECR::ReplicationConfiguration", "AWS::ElastiCache::GlobalReplicationGroup", "AWS::GlobalAccelerator::EndpointGroup", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::Redshift::Cluster", "AWS::Route53::RecordSet", "AWS::Route53::RecordSetGroup", "AWS::SSM::ResourceDataSync", "AWS::SecretsManager::Secret", "aws_backup_plan", "aws_cloudformation_stack_instances", "aws_cloudformation_stack_set_instance", "aws_codepipeline", "aws_config_aggregate_authorization", "aws_db_instance", "aws_db_instance_automated_backups_replication", "aws_dlm_lifecycle_policy", "aws_dynamodb_table", "aws_dynamodb_table_replica", "aws_ec2_transit_gateway_peering_attachment", "aws_ecr_replication_configuration", "aws_globalaccelerator_endpoint_group", "aws_keyspaces_keyspace", "aws_kms_replica_key", "aws_rds_cluster", "aws_redshift_cluster", "aws_redshift_snapshot_copy", "aws_route53_record", "aws_secretsmanager_secret", "aws_ssm_resource_data_sync", "aws_vpc_peering_connection"]
#   remediation: >-
#     Set region on the aws provider (and on resources that override it), the
#     CDK stack's env, or the replica, copy or peer region to one of the
#     regions in allowed_regions, or have the data owner approve the region
#     and add it to allowed_regions in .tollgate.yaml.
package tollgate.aws.region_allowed

import rego.v1

import data.tollgate.lib.aws.regions
import data.tollgate.lib.tf_integrity
import data.tollgate.lib.view

# placement_fix is the remediation of a Terraform provider's or resource's
# own region.
placement_fix := "Set region on the aws provider (and on resources that override it) to one of the regions in allowed_regions, or have the data owner approve the region and add it to allowed_regions in .tollgate.yaml."

# The remediation of other mentions in each format's spelling.
fix := {
	"cloudformation": "Deploy the stack (CDK env) and place replicas, copies and referenced resources in one of the regions in allowed_regions, or have the data owner approve the region and add it to allowed_regions in .tollgate.yaml.",
	"terraform": "Set the replica, copy or peer region (or the referenced ARN) to one of the regions in allowed_regions, or have the data owner approve the region and add it to allowed_regions in .tollgate.yaml.",
}

deny contains f if {
	count(tf_integrity.allowed_regions) > 0
	some i, p in input.providers
	p.name == "aws"
	region := object.get(p.values, "region", null)
	disallowed(region)
	f := {
		"resource": p.address,
		"path": ["providers", i, "values", "region"],
		"message": sprintf("AWS provider %s uses region %s, which is not in allowed_regions", [p.address, region]),
		"remediation": placement_fix,
	}
}

deny contains f if {
	count(tf_integrity.allowed_regions) > 0
	some i, r in input.resources
	r.mode == "managed"
	startswith(r.type, "aws_")
	region := object.get(r.values, "region", null)
	disallowed(region)
	f := {
		"resource": r.address,
		"path": ["resources", i, "values", "region"],
		"message": sprintf("%s is placed in region %s, which is not in allowed_regions", [r.address, region]),
		"remediation": placement_fix,
	}
}

deny contains f if {
	count(tf_integrity.allowed_regions) > 0
	s := regions.stack
	disallowed(s.region)
	f := {
		"resource": s.resource,
		"path": s.path,
		"message": sprintf("CDK stack %s is deployed to region %s, which is not in allowed_regions", [s.resource, s.region]),
		"remediation": "Set the stack's env to a region in allowed_regions (new Stack(app, id, {env: {region: ...}})), or have the data owner approve the region and add it to allowed_regions in .tollgate.yaml.",
	}
}

deny contains f if {
	count(tf_integrity.allowed_regions) > 0
	some m in regions.mentions
	disallowed(m.region)
	f := object.union(
		{
			"resource": m.resource,
			"path": m.path,
			"message": message(m),
		},
		view.remediation(fix),
	)
}

message(m) := sprintf("%s refers to %s, a %s in region %s, which is not in allowed_regions", [m.name, m.value, m.what, m.region]) if {
	m.kind == "arn"
} else := sprintf("%s places the %s in region %s, which is not in allowed_regions", [m.name, m.what, m.region])

disallowed(region) if {
	is_string(region)
	region != ""
	not tf_integrity.region_allowed(region)
}
