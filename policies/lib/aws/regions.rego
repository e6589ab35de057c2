# METADATA
# description: >-
#   Regions a document names, for residency (aws-region-allowed): the region
#   a CDK stack deploys to, the settings that place or copy data in another
#   region (replicas, backup and snapshot copies, StackSet instances,
#   peerings), and, in CloudFormation, every literal ARN with a region.
#   Each mention remembers its resource and document path. A region computed
#   at deploy time (Ref AWS::Region, ${AWS::Region}, a variable without a
#   value, an environment-agnostic stack) is not a mention: it is unknown.
package tollgate.lib.aws.regions

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# fields are the settings that name a region, per family: type, the path
# under Properties or values ("*" is any list index), what the region is
# of (for messages) and whether the value is a region or an ARN. The
# CloudFormation ARN settings are found by arns below.
fields := {
	"cloudformation": [
		{"type": "AWS::DynamoDB::GlobalTable", "path": ["Replicas", "*", "Region"], "what": "global table replica", "kind": "region"},
		{"type": "AWS::RDS::DBInstance", "path": ["AutomaticBackupReplicationRegion"], "what": "automated backup replica", "kind": "region"},
		{"type": "AWS::RDS::DBInstance", "path": ["SourceRegion"], "what": "read replica source", "kind": "region"},
		{"type": "AWS::RDS::DBCluster", "path": ["SourceRegion"], "what": "replica cluster source", "kind": "region"},
		{"type": "AWS::CloudFormation::StackSet", "path": ["StackInstancesGroup", "*", "Regions", "*"], "what": "StackSet instance", "kind": "region"},
		{"type": "AWS::SecretsManager::Secret", "path": ["ReplicaRegions", "*", "Region"], "what": "secret replica", "kind": "region"},
		{"type": "AWS::ECR::ReplicationConfiguration", "path": ["ReplicationConfiguration", "Rules", "*", "Destinations", "*", "Region"], "what": "image replication destination", "kind": "region"},
		{"type": "AWS::Redshift::Cluster", "path": ["DestinationRegion"], "what": "snapshot copy destination", "kind": "region"},
		{"type": "AWS::ElastiCache::GlobalReplicationGroup", "path": ["Members", "*", "ReplicationGroupRegion"], "what": "global datastore member", "kind": "region"},
		{"type": "AWS::EC2::VPCPeeringConnection", "path": ["PeerRegion"], "what": "peer VPC", "kind": "region"},
		{"type": "AWS::EC2::TransitGatewayPeeringAttachment", "path": ["PeerRegion"], "what": "peer transit gateway", "kind": "region"},
		{"type": "AWS::Route53::RecordSet", "path": ["Region"], "what": "latency record's endpoint", "kind": "region"},
		{"type": "AWS::Route53::RecordSetGroup", "path": ["RecordSets", "*", "Region"], "what": "latency record's endpoint", "kind": "region"},
		{"type": "AWS::SSM::ResourceDataSync", "path": ["S3Destination", "BucketRegion"], "what": "data sync bucket", "kind": "region"},
		{"type": "AWS::SSM::ResourceDataSync", "path": ["BucketRegion"], "what": "data sync bucket", "kind": "region"},
		{"type": "AWS::GlobalAccelerator::EndpointGroup", "path": ["EndpointGroupRegion"], "what": "accelerator endpoint group", "kind": "region"},
		{"type": "AWS::Config::AggregationAuthorization", "path": ["AuthorizedAwsRegion"], "what": "authorized Config aggregator", "kind": "region"},
		{"type": "AWS::CodePipeline::Pipeline", "path": ["Stages", "*", "Actions", "*", "Region"], "what": "cross-region pipeline action", "kind": "region"},
		{"type": "AWS::CodePipeline::Pipeline", "path": ["ArtifactStores", "*", "Region"], "what": "pipeline artifact store", "kind": "region"},
		{"type": "AWS::DLM::LifecyclePolicy", "path": ["PolicyDetails", "Schedules", "*", "CrossRegionCopyRules", "*", "TargetRegion"], "what": "snapshot copy destination", "kind": "region"},
		{"type": "AWS::DLM::LifecyclePolicy", "path": ["PolicyDetails", "CrossRegionCopyTargets", "*", "TargetRegion"], "what": "snapshot copy destination", "kind": "region"},
		{"type": "AWS::Cassandra::Keyspace", "path": ["ReplicationSpecification", "RegionList", "*"], "what": "keyspace replica", "kind": "region"},
		{"type": "AWS::Cassandra::Table", "path": ["ReplicaSpecifications", "*", "Region"], "what": "table replica", "kind": "region"},
	],
	"terraform": [
		{"type": "aws_dynamodb_table", "path": ["replica", "*", "region_name"], "what": "global table replica", "kind": "region"},
		{"type": "aws_dynamodb_table_replica", "path": ["global_table_arn"], "what": "global table", "kind": "arn"},
		{"type": "aws_backup_plan", "path": ["rule", "*", "copy_action", "*", "destination_vault_arn"], "what": "backup copy destination vault", "kind": "arn"},
		{"type": "aws_db_instance_automated_backups_replication", "path": ["source_db_instance_arn"], "what": "replicated DB instance", "kind": "arn"},
		{"type": "aws_db_instance", "path": ["replicate_source_db"], "what": "read replica source", "kind": "arn"},
		{"type": "aws_rds_cluster", "path": ["replication_source_identifier"], "what": "replica cluster source", "kind": "arn"},
		{"type": "aws_rds_cluster", "path": ["source_region"], "what": "replica cluster source", "kind": "region"},
		{"type": "aws_cloudformation_stack_set_instance", "path": ["stack_set_instance_region"], "what": "StackSet instance", "kind": "region"},
		{"type": "aws_cloudformation_stack_instances", "path": ["regions", "*"], "what": "StackSet instance", "kind": "region"},
		{"type": "aws_secretsmanager_secret", "path": ["replica", "*", "region"], "what": "secret replica", "kind": "region"},
		{"type": "aws_ecr_replication_configuration", "path": ["replication_configuration", "*", "rule", "*", "destination", "*", "region"], "what": "image replication destination", "kind": "region"},
		{"type": "aws_redshift_cluster", "path": ["snapshot_copy", "*", "destination_region"], "what": "snapshot copy destination", "kind": "region"},
		{"type": "aws_redshift_snapshot_copy", "path": ["destination_region"], "what": "snapshot copy destination", "kind": "region"},
		{"type": "aws_kms_replica_key", "path": ["primary_key_arn"], "what": "primary key", "kind": "arn"},
		{"type": "aws_vpc_peering_connection", "path": ["peer_region"], "what": "peer VPC", "kind": "region"},
		{"type": "aws_ec2_transit_gateway_peering_attachment", "path": ["peer_region"], "what": "peer transit gateway", "kind": "region"},
		{"type": "aws_route53_record", "path": ["latency_routing_policy", "*", "region"], "what": "latency record's endpoint", "kind": "region"},
		{"type": "aws_ssm_resource_data_sync", "path": ["s3_destination", "*", "region"], "what": "data sync bucket", "kind": "region"},
		{"type": "aws_globalaccelerator_endpoint_group", "path": ["endpoint_group_region"], "what": "accelerator endpoint group", "kind": "region"},
		{"type": "aws_config_aggregate_authorization", "path": ["authorized_aws_region"], "what": "authorized Config aggregator", "kind": "region"},
		{"type": "aws_codepipeline", "path": ["stage", "*", "action", "*", "region"], "what": "cross-region pipeline action", "kind": "region"},
		{"type": "aws_codepipeline", "path": ["artifact_store", "*", "region"], "what": "pipeline artifact store", "kind": "region"},
		{"type": "aws_dlm_lifecycle_policy", "path": ["policy_details", "*", "schedule", "*", "cross_region_copy_rule", "*", "target"], "what": "snapshot copy destination", "kind": "region"},
		{"type": "aws_dlm_lifecycle_policy", "path": ["policy_details", "*", "schedule", "*", "cross_region_copy_rule", "*", "target_region"], "what": "snapshot copy destination", "kind": "region"},
		{"type": "aws_keyspaces_keyspace", "path": ["replication_specification", "*", "region_list", "*"], "what": "keyspace replica", "kind": "region"},
	],
}

# region_pattern is the shape of a region name (us-east-1, us-gov-west-1,
# cn-north-1, us-isob-east-1): anything else in a region setting is not
# judged (an empty string, "*", a placeholder).
region_pattern := `^[a-z]{2}(-[a-z]+)+-[0-9]+$`

is_region(x) if {
	is_string(x)
	regex.match(region_pattern, lower(x))
}

# arn_region returns the region segment of an ARN (arn:partition:service:
# region:account:resource); undefined for region-less ARNs (S3 buckets,
# IAM) and wildcards.
arn_region(x) := r if {
	is_string(x)
	startswith(x, "arn:")
	parts := split(x, ":")
	count(parts) >= 6
	r := parts[3]
	is_region(r)
}

# stack is the region a CDK stack deploys to, located at its manifest
# environment. Nested stacks deploy with their parent and say nothing of
# their own. An environment-agnostic stack (unknown-region) is unknown.
stack := {"resource": cdk.path, "path": ["tollgate", "cdk", "region"], "region": cdk.region} if {
	view.family == "cloudformation"
	cdk := input.tollgate.cdk
	not cdk.nested_in
	is_region(cdk.region)
}

# agnostic holds for a CDK stack whose environment is unknown-region: its
# region is chosen by whoever deploys it.
agnostic if {
	view.family == "cloudformation"
	cdk := input.tollgate.cdk
	not cdk.nested_in
	cdk.region == "unknown-region"
}

# mentions are the regions the document's resources name, each
# {"resource", "path", "region", "what", "kind", "name", "value"}: what the
# region is of, whether the value is a region or an ARN, the setting's
# spelling and its value. In a CDK stack, mentions of the stack's own region
# are left out: the stack's region is reported once, at its environment.
mentions contains m if {
	some row in fields[view.family]
	some v in view.by_type[row.type]
	walk(v.values, [p, x])
	_matches(p, row.path)
	region := _region(row.kind, x)
	lower(region) != _own
	m := {"resource": v.resource, "path": array.concat(v.base, p), "region": region, "what": row.what, "kind": row.kind, "name": view.dotted(p), "value": x}
}

mentions contains m if {
	view.family == "cloudformation"
	some name, r in input.Resources
	is_string(r.Type)
	not _arn_free_type(r.Type)
	props := cfn_properties(r)
	walk(props, [p, x])
	region := arn_region(x)
	lower(region) != _own
	not _arn_free_path(r.Type, p)
	not core.is_unknown(object.get(props, array.slice(p, 0, count(p) - 1), null))
	m := {"resource": name, "path": array.concat(["Resources", name, "Properties"], p), "region": region, "what": "resource", "kind": "arn", "name": view.dotted(p), "value": x}
}

# _own is the region of the CDK stack the document belongs to, if any.
_own := lower(input.tollgate.cdk.region) if is_string(input.tollgate.cdk.region)

else := ""

cfn_properties(r) := r.Properties if is_object(r.Properties)

_region("region", x) := x if is_region(x)

_region("arn", x) := arn_region(x)

_matches(p, pattern) if {
	count(p) == count(pattern)
	every i, s in pattern {
		_segment(s, p[i])
	}
}

_segment(s, x) if s == x

_segment("*", x) if is_number(x)

# ARNs in permissions grant access and place nothing (IAM, resource and key
# policies, Lambda invoke permissions); tags only label.
_arn_free_type(t) if startswith(t, "AWS::IAM::")

_arn_free_type("AWS::Lambda::Permission")

_arn_free_keys := {
	"Tags", "PolicyDocument", "AssumeRolePolicyDocument", "KeyPolicy",
	"PolicyText", "RepositoryPolicyText", "ResourcePolicy", "Policies",
}

_arn_free_path(_, p) if {
	some k in p
	k in _arn_free_keys
}

# CloudFront is global, and AWS requires its certificate, web ACL and
# Lambda@Edge functions in us-east-1 whatever the data's region.
_arn_free_path("AWS::CloudFront::Distribution", p) if {
	some k in p
	k in {"AcmCertificateArn", "WebACLId", "LambdaFunctionARN"}
}
