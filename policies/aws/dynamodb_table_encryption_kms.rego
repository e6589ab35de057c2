# METADATA
# title: DynamoDB table is encrypted with KMS
# description: >-
#   DynamoDB always encrypts tables, by default with an AWS-owned key that no
#   key policy or CloudTrail record covers. SSESpecification.SSEEnabled true
#   switches to a KMS key (the AWS-managed aws/dynamodb key unless
#   KMSMasterKeyId names a customer-managed one); SSEType, when set, must be KMS.
#   With require_customer_managed_keys on, that AWS-managed key (no
#   KMSMasterKeyId, or an alias/aws/ one) is reported too; global tables,
#   whose keys are per replica, are not.
# custom:
#   id: aws-dynamodb-table-encryption-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::DynamoDB::GlobalTable", "AWS::DynamoDB::Table", "aws_dynamodb_table"]
#   remediation: >-
#     Set SSESpecification.SSEEnabled to true and SSESpecification.SSEType to KMS
#     (with KMSMasterKeyId, or per-replica SSESpecification.KMSMasterKeyId on a
#     global table, set to a customer-managed key).
package tollgate.aws.dynamodb_table_encryption_kms

import rego.v1

import data.tollgate.lib.aws.dynamodb
import data.tollgate.lib.aws.kms
import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set SSESpecification.SSEEnabled to true and SSESpecification.SSEType to KMS (with KMSMasterKeyId, or per-replica SSESpecification.KMSMasterKeyId on a global table, set to a customer-managed key).",
	"terraform": "Add server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.table.arn } (and kms_key_arn on each replica block).",
}

deny contains f if {
	some t in dynamodb.tables
	encryption.unset_or_false(view.value_or(t, "sse_enabled", false))
	f := view.finding(t, "sse_enabled", sprintf("table is encrypted with an AWS-owned key rather than KMS (%s is not true)", [view.spelled(t, "sse_enabled")]), fix)
}

# Only CloudFormation has the type: Terraform's server_side_encryption is
# KMS whenever it is enabled.
deny contains f if {
	some t in dynamodb.tables
	core.is_true(view.value_or(t, "sse_enabled", false))
	sse_type := view.value_or(t, "sse_type", "KMS")
	is_string(sse_type)
	upper(sse_type) != "KMS"
	f := view.finding(t, "sse_type", sprintf("table encryption type is %s rather than KMS", [sse_type]), fix)
}

# Undecided where sse_enabled is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(dynamodb.tables, ["sse_enabled"])
}

# The remediation under require_customer_managed_keys.
key_fix := {
	"cloudformation": "Set SSESpecification.KMSMasterKeyId to a customer-managed KMS key (for example !GetAtt TableKey.Arn).",
	"terraform": "Set kms_key_arn in server_side_encryption to a customer-managed KMS key (for example aws_kms_key.table.arn).",
}

# A global table names its keys per replica; only the table's own key is
# checked here.
deny contains f if {
	some t in dynamodb.tables
	t.type != "AWS::DynamoDB::GlobalTable"
	core.is_true(view.value_or(t, "sse_enabled", false))
	sse_type := view.value_or(t, "sse_type", "KMS")
	is_string(sse_type)
	upper(sse_type) == "KMS"
	f := kms.aws_key_finding(t, view.field(t, t.paths.kms_key), "table", "the AWS-managed key aws/dynamodb", key_fix)
}
