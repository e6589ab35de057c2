# METADATA
# description: >-
#   Encryption at rest written once for CloudFormation (and CDK), Terraform
#   HCL and plans. A control is a table entry (see controls); findings(c)
#   evaluates it against the document whatever its format and names the exact
#   path of the offending value (or where the missing one belongs).
package tollgate.lib.at_rest

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# A control entry has a `noun` (what the resource is, for messages) and one
# spec per format family, `cloudformation` and `terraform` (HCL and plan
# share it); a control a format cannot express (CloudFormation has no
# snapshot copy) leaves its family out. A spec holds:
#   type       the resource type, or a list of types that share the paths;
#   enabled    optional list of switches that turn encryption on, each
#              {path, equals, default}: the value at path must equal `equals`
#              (true, a string compared case-insensitively, or a list of
#              such strings any of which will do; absent means "any
#              value"), and `default` says whether the service encrypts
#              when the value is missing. No `enabled` means the service always
#              encrypts (with an AWS-owned or AWS-managed key);
#   key        optional path of the KMS key; without it no customer-managed
#              key can be chosen and require_customer_managed_keys does not
#              apply;
#   only_if    optional list of {path, in, missing}: the control applies only
#              when the value at path is one of `in` (or missing, when
#              `missing` is true); an unknown value may be anything, so the
#              control does not apply;
#   unless_set optional list of paths: the control does not apply when any of
#              them is set (a non-empty value or block);
#   if_set     optional list of paths: the control applies only when each is
#              set to a known value (a feature the resource turns on, such
#              as cross-region backup replication); an unknown one may be
#              unset, so the control does not apply;
#   where      optional, what the switch encrypts for messages ("in transit";
#              default "at rest");
#   fix, key_fix  the remediation for each kind of finding, in the format's
#              own spelling.
# Paths are relative to Properties (CloudFormation) or values (Terraform);
# Terraform nested blocks are lists, so their paths hold the index 0.

# require_cmk is the switch `require_customer_managed_keys: true`.
require_cmk if data.tollgate.config.require_customer_managed_keys == true

# findings returns the findings of control c for the current document,
# and, when the run asks (unknown: block), a record of each resource the
# control cannot decide (see lib/undecided): a rule built on this table is
# undecided-aware without writing anything for it.
findings(c) := _findings(c) | undecided_records(c) if {
	undecided.asked
} else := _findings(c)

_findings(c) := {f |
	spec := c[view.family]
	some type in view.types(spec)
	some v in view.by_type[type]
	applies(spec, v.values)
	some f in resource_findings(c.noun, spec, v)
}

# undecided_records: where a value the control turns on is unknown, the
# control can be neither passed nor failed. Built only when asked.
undecided_records(c) := {u |
	spec := c[view.family]
	some type in view.types(spec)
	some v in view.by_type[type]
	some u in _resource_undecided(c.noun, spec, v)
}

# A resource in scope is undecided by an unknown switch when no switch is
# known to be off (one that is off already fails it), or, under
# require_customer_managed_keys, by a key that is an input of the
# deployment (a parameter or variable may name alias/aws/...; a reference
# to a key resource is customer-managed).
_resource_undecided(noun, spec, v) := {u |
	applies(spec, v.values)
	not _some_off(spec, v)
	some cond in object.get(spec, "enabled", [])
	x := view.get(v.values, cond.path)
	core.is_unknown(x)
	u := undecided.at(v, cond.path, x)
} | {u |
	applies(spec, v.values)
	not _some_off(spec, v)
	not _some_unknown_switch(spec, v)
	require_cmk
	x := view.get(v.values, spec.key)
	undecided.from_input(x)
	not encryption.aws_managed_key(x)
	u := undecided.at(v, spec.key, x)
} | {u |
	# An unknown scope value: the control may apply, and then would not
	# pass.
	not applies(spec, v.values)
	_may_apply(spec, v.values)
	_would_not_pass(noun, spec, v)
	some cond in object.get(spec, "only_if", [])
	x := view.get(v.values, cond.path)
	core.is_unknown(x)
	u := undecided.at(v, cond.path, x)
}

_some_off(spec, v) if {
	some cond in object.get(spec, "enabled", [])
	off(cond, view.get(v.values, cond.path))
}

_would_not_pass(noun, spec, v) if count(resource_findings(noun, spec, v)) > 0

_would_not_pass(_, spec, v) if _some_unknown_switch(spec, v)

_some_unknown_switch(spec, v) if {
	some cond in object.get(spec, "enabled", [])
	core.is_unknown(view.get(v.values, cond.path))
}

_may_apply(spec, vals) if {
	every cond in object.get(spec, "only_if", []) {
		_in_scope_or_unknown(cond, view.get(vals, cond.path))
	}
	every p in object.get(spec, "unless_set", []) {
		not view.is_set(view.get(vals, p))
	}
}

_in_scope_or_unknown(cond, x) if in_scope(cond, x)

_in_scope_or_unknown(_, x) if core.is_unknown(x)

applies(spec, vals) if {
	every cond in object.get(spec, "only_if", []) {
		in_scope(cond, view.get(vals, cond.path))
	}
	every p in object.get(spec, "unless_set", []) {
		not view.is_set(view.get(vals, p))
	}
	every p in object.get(spec, "if_set", []) {
		known_set(view.get(vals, p))
	}
}

known_set(x) if {
	view.is_set(x)
	not core.is_unknown(x)
	x != ""
}

in_scope(cond, v) if {
	v == null
	cond.missing == true
}

in_scope(cond, v) if {
	is_string(v)
	some want in cond.in
	lower(v) == lower(want)
}

# resource_findings: one finding per switch that leaves encryption off; when
# every switch is on (or may be), the key finding under the CMK switch.
resource_findings(noun, spec, v) := fs if {
	offs := {f |
		some cond in object.get(spec, "enabled", [])
		off(cond, view.get(v.values, cond.path))
		f := finding(v, cond.path, sprintf("%s is not encrypted %s (%s)", [noun, object.get(spec, "where", "at rest"), describe(cond)]), spec.fix)
	}
	count(offs) > 0
	fs := offs
} else := {f |
	require_cmk
	spec.key
	not encryption.customer_key(view.get(v.values, spec.key))
	f := finding(v, spec.key, sprintf(
		"%s is encrypted with an AWS-owned or AWS-managed key, not a customer-managed KMS key (require_customer_managed_keys is on)",
		[noun],
	), spec.key_fix)
}

# off holds when a switch is known to leave encryption off: missing with the
# service default off, or a known value other than the wanted one. Unknown
# values never hold.
off(cond, v) if {
	v == null
	cond["default"] == false
}

off(cond, v) if {
	v != null
	not core.is_unknown(v)
	not matches(cond, v)
}

matches(cond, _) if not "equals" in object.keys(cond)

matches(cond, v) if {
	cond.equals == true
	core.is_true(v)
}

matches(cond, v) if {
	is_string(cond.equals)
	is_string(v)
	lower(v) == lower(cond.equals)
}

matches(cond, v) if {
	is_array(cond.equals)
	is_string(v)
	some want in cond.equals
	lower(v) == lower(want)
}

# describe names the switch in the format's spelling for the message.
describe(cond) := sprintf("%s is not %s", [view.dotted(cond.path), concat(" or ", cond.equals)]) if {
	is_array(cond.equals)
} else := sprintf("%s is not %v", [view.dotted(cond.path), cond.equals]) if {
	"equals" in object.keys(cond)
} else := sprintf("%s is not set", [view.dotted(cond.path)])

# finding always carries the fix: the rules' METADATA remediation names
# both formats.
finding(v, path, msg, fix) := object.union(view.finding_at(v, path, msg, {}), {"remediation": fix})

# The controls. Defaults follow AWS as of 2025: a service that encrypts
# every resource with an AWS-owned or AWS-managed key has no `enabled`
# switch and is reported only under require_customer_managed_keys.
controls := {
	# Since January 2025 new provisioned clusters are encrypted by default;
	# only an explicit false still asks for an unencrypted cluster.
	"aws-redshift-cluster-encryption": {
		"noun": "Redshift cluster",
		"cloudformation": {
			"type": "AWS::Redshift::Cluster",
			"enabled": [{"path": ["Encrypted"], "equals": true, "default": true}],
			"key": ["KmsKeyId"],
			"fix": "Remove Encrypted: false (new clusters are encrypted by default) and set KmsKeyId to a customer-managed key.",
			"key_fix": "Set KmsKeyId to a customer-managed KMS key (for example !GetAtt WarehouseKey.Arn).",
		},
		"terraform": {
			"type": "aws_redshift_cluster",
			"enabled": [{"path": ["encrypted"], "equals": true, "default": true}],
			"key": ["kms_key_id"],
			"fix": "Set encrypted = true and kms_key_id to a customer-managed key.",
			"key_fix": "Set kms_key_id to a customer-managed KMS key (for example aws_kms_key.warehouse.arn).",
		},
	},
	"aws-redshift-serverless-namespace-kms": {
		"noun": "Redshift Serverless namespace",
		"cloudformation": {
			"type": "AWS::RedshiftServerless::Namespace",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key.",
		},
		"terraform": {
			"type": "aws_redshiftserverless_namespace",
			"key": ["kms_key_id"],
			"key_fix": "Set kms_key_id to a customer-managed KMS key.",
		},
	},
	"aws-kinesis-stream-encryption": {
		"noun": "Kinesis data stream",
		"cloudformation": {
			"type": "AWS::Kinesis::Stream",
			"enabled": [{"path": ["StreamEncryption", "EncryptionType"], "equals": "KMS", "default": false}],
			"key": ["StreamEncryption", "KeyId"],
			"fix": "Set StreamEncryption with EncryptionType: KMS and KeyId (a customer-managed key, or alias/aws/kinesis).",
			"key_fix": "Set StreamEncryption.KeyId to a customer-managed KMS key rather than alias/aws/kinesis.",
		},
		"terraform": {
			"type": "aws_kinesis_stream",
			"enabled": [{"path": ["encryption_type"], "equals": "KMS", "default": false}],
			"key": ["kms_key_id"],
			"fix": "Set encryption_type = \"KMS\" and kms_key_id (a customer-managed key, or alias/aws/kinesis).",
			"key_fix": "Set kms_key_id to a customer-managed KMS key rather than alias/aws/kinesis.",
		},
	},
	# Only a Direct PUT stream can enable server-side encryption: a stream
	# reading from Kinesis or MSK relies on its source's encryption.
	"aws-firehose-delivery-stream-encryption": {
		"noun": "Firehose delivery stream",
		"cloudformation": {
			"type": "AWS::KinesisFirehose::DeliveryStream",
			"only_if": [{"path": ["DeliveryStreamType"], "in": ["DirectPut"], "missing": true}],
			"unless_set": [["KinesisStreamSourceConfiguration"], ["MSKSourceConfiguration"]],
			"enabled": [{"path": ["DeliveryStreamEncryptionConfigurationInput"], "default": false}],
			"key": ["DeliveryStreamEncryptionConfigurationInput", "KeyARN"],
			"fix": "Set DeliveryStreamEncryptionConfigurationInput (KeyType: CUSTOMER_MANAGED_CMK with KeyARN, or AWS_OWNED_CMK).",
			"key_fix": "Set DeliveryStreamEncryptionConfigurationInput to KeyType: CUSTOMER_MANAGED_CMK with KeyARN.",
		},
		"terraform": {
			"type": "aws_kinesis_firehose_delivery_stream",
			"unless_set": [["kinesis_source_configuration"], ["msk_source_configuration"]],
			"enabled": [{"path": ["server_side_encryption", 0, "enabled"], "equals": true, "default": false}],
			"key": ["server_side_encryption", 0, "key_arn"],
			"fix": "Add server_side_encryption { enabled = true } (key_type = \"CUSTOMER_MANAGED_CMK\" with key_arn for your own key).",
			"key_fix": "Set server_side_encryption { key_type = \"CUSTOMER_MANAGED_CMK\", key_arn = <customer-managed key> }.",
		},
	},
	# DAX encrypts with an AWS-owned key only: there is no key to choose.
	"aws-dax-cluster-encryption": {
		"noun": "DAX cluster",
		"cloudformation": {
			"type": "AWS::DAX::Cluster",
			"enabled": [{"path": ["SSESpecification", "SSEEnabled"], "equals": true, "default": false}],
			"fix": "Set SSESpecification.SSEEnabled to true (it cannot be changed after creation).",
		},
		"terraform": {
			"type": "aws_dax_cluster",
			"enabled": [{"path": ["server_side_encryption", 0, "enabled"], "equals": true, "default": false}],
			"fix": "Add server_side_encryption { enabled = true } (it cannot be changed after creation).",
		},
	},
	"aws-workspaces-volume-encryption": {
		"noun": "WorkSpace",
		"cloudformation": {
			"type": "AWS::WorkSpaces::Workspace",
			"enabled": [
				{"path": ["RootVolumeEncryptionEnabled"], "equals": true, "default": false},
				{"path": ["UserVolumeEncryptionEnabled"], "equals": true, "default": false},
			],
			"key": ["VolumeEncryptionKey"],
			"fix": "Set RootVolumeEncryptionEnabled and UserVolumeEncryptionEnabled to true with VolumeEncryptionKey.",
			"key_fix": "Set VolumeEncryptionKey to a customer-managed KMS key rather than alias/aws/workspaces.",
		},
		"terraform": {
			"type": "aws_workspaces_workspace",
			"enabled": [
				{"path": ["root_volume_encryption_enabled"], "equals": true, "default": false},
				{"path": ["user_volume_encryption_enabled"], "equals": true, "default": false},
			],
			"key": ["volume_encryption_key"],
			"fix": "Set root_volume_encryption_enabled and user_volume_encryption_enabled to true with volume_encryption_key.",
			"key_fix": "Set volume_encryption_key to a customer-managed KMS key rather than alias/aws/workspaces.",
		},
	},
	# MemoryDB encrypts at rest always and in transit unless TLS is turned
	# off (the default is on).
	"aws-memorydb-cluster-tls": {
		"noun": "MemoryDB cluster",
		"cloudformation": {
			"type": "AWS::MemoryDB::Cluster",
			"where": "in transit",
			"enabled": [{"path": ["TLSEnabled"], "equals": true, "default": true}],
			"fix": "Remove TLSEnabled: false (TLS is the default) and use an ACL other than open-access.",
		},
		"terraform": {
			"type": "aws_memorydb_cluster",
			"where": "in transit",
			"enabled": [{"path": ["tls_enabled"], "equals": true, "default": true}],
			"fix": "Remove tls_enabled = false (TLS is the default) and use an ACL other than open-access.",
		},
	},
	"aws-memorydb-cluster-kms": {
		"noun": "MemoryDB cluster",
		"cloudformation": {
			"type": "AWS::MemoryDB::Cluster",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key.",
		},
		"terraform": {
			"type": "aws_memorydb_cluster",
			"key": ["kms_key_arn"],
			"key_fix": "Set kms_key_arn to a customer-managed KMS key.",
		},
	},
	"aws-dms-endpoint-kms": {
		"noun": "DMS endpoint",
		"cloudformation": {
			"type": "AWS::DMS::Endpoint",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key rather than aws/dms.",
		},
		"terraform": {
			"type": "aws_dms_endpoint",
			"key": ["kms_key_arn"],
			"key_fix": "Set kms_key_arn to a customer-managed KMS key rather than aws/dms.",
		},
	},
	"aws-fsx-file-system-kms": {
		"noun": "FSx file system",
		"cloudformation": {
			"type": "AWS::FSx::FileSystem",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key rather than aws/fsx.",
		},
		"terraform": {
			"type": ["aws_fsx_lustre_file_system", "aws_fsx_windows_file_system", "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system"],
			"key": ["kms_key_id"],
			"key_fix": "Set kms_key_id to a customer-managed KMS key rather than aws/fsx.",
		},
	},
	# Query results land in S3, which encrypts every new object (SSE-S3)
	# since 2023: only the key is left to choose.
	"aws-athena-workgroup-kms": {
		"noun": "Athena workgroup",
		"cloudformation": {
			"type": "AWS::Athena::WorkGroup",
			"key": ["WorkGroupConfiguration", "ResultConfiguration", "EncryptionConfiguration", "KmsKey"],
			"key_fix": "Set WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration to SSE_KMS with KmsKey a customer-managed key, and EnforceWorkGroupConfiguration to true.",
		},
		"terraform": {
			"type": "aws_athena_workgroup",
			"key": ["configuration", 0, "result_configuration", 0, "encryption_configuration", 0, "kms_key_arn"],
			"key_fix": "Set configuration.result_configuration.encryption_configuration { encryption_option = \"SSE_KMS\", kms_key_arn = <customer-managed key> } and enforce_workgroup_configuration = true.",
		},
	},
	"aws-cloudwatch-log-group-kms": {
		"noun": "CloudWatch Logs log group",
		"cloudformation": {
			"type": "AWS::Logs::LogGroup",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key whose policy allows logs.<region>.amazonaws.com.",
		},
		"terraform": {
			"type": "aws_cloudwatch_log_group",
			"key": ["kms_key_id"],
			"key_fix": "Set kms_key_id to a customer-managed KMS key whose policy allows logs.<region>.amazonaws.com.",
		},
	},
	"aws-secretsmanager-secret-kms": {
		"noun": "Secrets Manager secret",
		"cloudformation": {
			"type": "AWS::SecretsManager::Secret",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key rather than aws/secretsmanager.",
		},
		"terraform": {
			"type": "aws_secretsmanager_secret",
			"key": ["kms_key_id"],
			"key_fix": "Set kms_key_id to a customer-managed KMS key rather than aws/secretsmanager.",
		},
	},
	"aws-ecr-repository-kms": {
		"noun": "ECR repository",
		"cloudformation": {
			"type": "AWS::ECR::Repository",
			"key": ["EncryptionConfiguration", "KmsKey"],
			"key_fix": "Set EncryptionConfiguration to EncryptionType: KMS with KmsKey: a customer-managed key.",
		},
		"terraform": {
			"type": "aws_ecr_repository",
			"key": ["encryption_configuration", 0, "kms_key"],
			"key_fix": "Add encryption_configuration { encryption_type = \"KMS\", kms_key = <customer-managed key> }.",
		},
	},
	# Since 2025 EKS envelope-encrypts Kubernetes secrets with an AWS-owned
	# key; a customer-managed key is EncryptionConfig's provider.
	"aws-eks-secrets-encryption-kms": {
		"noun": "EKS cluster",
		"cloudformation": {
			"type": "AWS::EKS::Cluster",
			"key": ["EncryptionConfig", 0, "Provider", "KeyArn"],
			"key_fix": "Set EncryptionConfig with Resources: [secrets] and Provider.KeyArn: a customer-managed key.",
		},
		"terraform": {
			"type": "aws_eks_cluster",
			"key": ["encryption_config", 0, "provider", 0, "key_arn"],
			"key_fix": "Add encryption_config { resources = [\"secrets\"], provider { key_arn = <customer-managed key> } }.",
		},
	},
	"aws-mq-broker-kms": {
		"noun": "Amazon MQ broker",
		"cloudformation": {
			"type": "AWS::AmazonMQ::Broker",
			"key": ["EncryptionOptions", "KmsKeyId"],
			"key_fix": "Set EncryptionOptions with UseAwsOwnedKey: false and KmsKeyId: a customer-managed key.",
		},
		"terraform": {
			"type": "aws_mq_broker",
			"key": ["encryption_options", 0, "kms_key_id"],
			"key_fix": "Add encryption_options { use_aws_owned_key = false, kms_key_id = <customer-managed key> }.",
		},
	},
	"aws-sagemaker-notebook-kms": {
		"noun": "SageMaker notebook instance",
		"cloudformation": {
			"type": "AWS::SageMaker::NotebookInstance",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key.",
		},
		"terraform": {
			"type": "aws_sagemaker_notebook_instance",
			"key": ["kms_key_id"],
			"key_fix": "Set kms_key_id to a customer-managed KMS key.",
		},
	},
	"aws-sagemaker-endpoint-config-kms": {
		"noun": "SageMaker endpoint configuration",
		"cloudformation": {
			"type": "AWS::SageMaker::EndpointConfig",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key.",
		},
		"terraform": {
			"type": "aws_sagemaker_endpoint_configuration",
			"key": ["kms_key_arn"],
			"key_fix": "Set kms_key_arn to a customer-managed KMS key.",
		},
	},
	"aws-codebuild-project-kms": {
		"noun": "CodeBuild project",
		"cloudformation": {
			"type": "AWS::CodeBuild::Project",
			"key": ["EncryptionKey"],
			"key_fix": "Set EncryptionKey to a customer-managed KMS key rather than alias/aws/s3.",
		},
		"terraform": {
			"type": "aws_codebuild_project",
			"key": ["encryption_key"],
			"key_fix": "Set encryption_key to a customer-managed KMS key rather than alias/aws/s3.",
		},
	},
	"aws-backup-vault-kms": {
		"noun": "Backup vault",
		"cloudformation": {
			"type": "AWS::Backup::BackupVault",
			"key": ["EncryptionKeyArn"],
			"key_fix": "Set EncryptionKeyArn to a customer-managed KMS key rather than aws/backup.",
		},
		"terraform": {
			"type": "aws_backup_vault",
			"key": ["kms_key_arn"],
			"key_fix": "Set kms_key_arn to a customer-managed KMS key rather than aws/backup.",
		},
	},
	"aws-dms-replication-instance-kms": {
		"noun": "DMS replication instance",
		"cloudformation": {
			"type": "AWS::DMS::ReplicationInstance",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key rather than aws/dms.",
		},
		"terraform": {
			"type": "aws_dms_replication_instance",
			"key": ["kms_key_arn"],
			"key_fix": "Set kms_key_arn to a customer-managed KMS key rather than aws/dms.",
		},
	},
	"aws-timestream-database-kms": {
		"noun": "Timestream database",
		"cloudformation": {
			"type": "AWS::Timestream::Database",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key rather than aws/timestream.",
		},
		"terraform": {
			"type": "aws_timestreamwrite_database",
			"key": ["kms_key_id"],
			"key_fix": "Set kms_key_id to a customer-managed KMS key rather than aws/timestream.",
		},
	},
	# MSK always encrypts at rest, by default with the AWS-managed key
	# alias/aws/kafka.
	"aws-msk-cluster-kms": {
		"noun": "MSK cluster",
		"cloudformation": {
			"type": "AWS::MSK::Cluster",
			"key": ["EncryptionInfo", "EncryptionAtRest", "DataVolumeKMSKeyId"],
			"key_fix": "Set EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId to a customer-managed KMS key rather than alias/aws/kafka.",
		},
		"terraform": {
			"type": "aws_msk_cluster",
			"key": ["encryption_info", 0, "encryption_at_rest_kms_key_arn"],
			"key_fix": "Set encryption_info { encryption_at_rest_kms_key_arn = <customer-managed key> } rather than alias/aws/kafka.",
		},
	},
	# Both switches default to TLS: only an explicit TLS_PLAINTEXT or
	# PLAINTEXT, or InCluster false, lets Kafka traffic travel in clear.
	"aws-msk-cluster-encryption-in-transit": {
		"noun": "MSK cluster",
		"cloudformation": {
			"type": "AWS::MSK::Cluster",
			"where": "in transit",
			"enabled": [
				{"path": ["EncryptionInfo", "EncryptionInTransit", "ClientBroker"], "equals": "TLS", "default": true},
				{"path": ["EncryptionInfo", "EncryptionInTransit", "InCluster"], "equals": true, "default": true},
			],
			"fix": "Set EncryptionInfo.EncryptionInTransit.ClientBroker to TLS (the default) and leave InCluster unset or true.",
		},
		"terraform": {
			"type": "aws_msk_cluster",
			"where": "in transit",
			"enabled": [
				{"path": ["encryption_info", 0, "encryption_in_transit", 0, "client_broker"], "equals": "TLS", "default": true},
				{"path": ["encryption_info", 0, "encryption_in_transit", 0, "in_cluster"], "equals": true, "default": true},
			],
			"fix": "Set encryption_info.encryption_in_transit { client_broker = \"TLS\" } (the default) and leave in_cluster unset or true.",
		},
	},
	"aws-sagemaker-domain-kms": {
		"noun": "SageMaker domain",
		"cloudformation": {
			"type": "AWS::SageMaker::Domain",
			"key": ["KmsKeyId"],
			"key_fix": "Set KmsKeyId to a customer-managed KMS key (it encrypts the domain's EFS volume).",
		},
		"terraform": {
			"type": "aws_sagemaker_domain",
			"key": ["kms_key_id"],
			"key_fix": "Set kms_key_id to a customer-managed KMS key (it encrypts the domain's EFS volume).",
		},
	},
	# The catalog (tables, schemas) is unencrypted until the mode is set;
	# connection passwords are returned in clear unless encrypted.
	"aws-glue-data-catalog-encryption": {
		"noun": "Glue Data Catalog",
		"cloudformation": {
			"type": "AWS::Glue::DataCatalogEncryptionSettings",
			"enabled": [
				{"path": ["DataCatalogEncryptionSettings", "EncryptionAtRest", "CatalogEncryptionMode"], "equals": ["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"], "default": false},
				{"path": ["DataCatalogEncryptionSettings", "ConnectionPasswordEncryption", "ReturnConnectionPasswordEncrypted"], "equals": true, "default": false},
			],
			"key": ["DataCatalogEncryptionSettings", "EncryptionAtRest", "SseAwsKmsKeyId"],
			"fix": "Set DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode to SSE-KMS and ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted to true.",
			"key_fix": "Set DataCatalogEncryptionSettings.EncryptionAtRest.SseAwsKmsKeyId to a customer-managed KMS key rather than aws/glue.",
		},
		"terraform": {
			"type": "aws_glue_data_catalog_encryption_settings",
			"enabled": [
				{"path": ["data_catalog_encryption_settings", 0, "encryption_at_rest", 0, "catalog_encryption_mode"], "equals": ["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"], "default": false},
				{"path": ["data_catalog_encryption_settings", 0, "connection_password_encryption", 0, "return_connection_password_encrypted"], "equals": true, "default": false},
			],
			"key": ["data_catalog_encryption_settings", 0, "encryption_at_rest", 0, "sse_aws_kms_key_id"],
			"fix": "Set encryption_at_rest { catalog_encryption_mode = \"SSE-KMS\" } and connection_password_encryption { return_connection_password_encrypted = true }.",
			"key_fix": "Set encryption_at_rest.sse_aws_kms_key_id to a customer-managed KMS key rather than aws/glue.",
		},
	},
	# CloudFormation has no resource that copies a snapshot or an image. A
	# copy is unencrypted unless its source is or encrypted is true (the
	# account's encryption-by-default setting is not visible here).
	"aws-ebs-copy-encryption": {
		"noun": "EBS snapshot or AMI copy",
		"terraform": {
			"type": ["aws_ami_copy", "aws_ebs_snapshot_copy"],
			"enabled": [{"path": ["encrypted"], "equals": true, "default": false}],
			"key": ["kms_key_id"],
			"fix": "Set encrypted = true (and kms_key_id to a customer-managed key).",
			"key_fix": "Set kms_key_id to a customer-managed KMS key rather than aws/ebs.",
		},
	},
	# Without kms_key_id a copy keeps its source's encryption, which the
	# configuration does not show: only the key can be checked.
	"aws-rds-snapshot-copy-kms": {
		"noun": "RDS snapshot copy",
		"terraform": {
			"type": "aws_db_snapshot_copy",
			"key": ["kms_key_id"],
			"key_fix": "Set kms_key_id to a customer-managed KMS key in the destination region.",
		},
	},
	# Replicated automated backups of an encrypted instance need a key in
	# the destination region; an unencrypted source is aws-rds-storage-encrypted's.
	"aws-rds-backup-replication-kms": {
		"noun": "cross-region RDS backup replication",
		"cloudformation": {
			"type": "AWS::RDS::DBInstance",
			"if_set": [["AutomaticBackupReplicationRegion"]],
			"key": ["AutomaticBackupReplicationKmsKeyId"],
			"key_fix": "Set AutomaticBackupReplicationKmsKeyId to a customer-managed KMS key in the destination region.",
		},
		"terraform": {
			"type": "aws_db_instance_automated_backups_replication",
			"key": ["kms_key_id"],
			"key_fix": "Set kms_key_id to a customer-managed KMS key in the destination region.",
		},
	},
}
