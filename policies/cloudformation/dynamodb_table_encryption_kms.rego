# METADATA
# title: DynamoDB table is encrypted with KMS
# description: >-
#   DynamoDB always encrypts tables, by default with an AWS-owned key that no
#   key policy or CloudTrail record covers. SSESpecification.SSEEnabled true
#   switches to a KMS key (the AWS-managed aws/dynamodb key unless
#   KMSMasterKeyId names a customer-managed one); SSEType, when set, must be KMS.
# custom:
#   id: aws-dynamodb-table-encryption-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"]
#   remediation: >-
#     Set SSESpecification.SSEEnabled to true and SSESpecification.SSEType to KMS
#     (with KMSMasterKeyId, or per-replica SSESpecification.KMSMasterKeyId on a
#     global table, set to a customer-managed key).
package tollgate.cloudformation.dynamodb_table_encryption_kms

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

types := {"AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"}

deny contains f if {
	some name, r in cfn.resources_in(types)
	encryption.unset_or_false(encryption.prop(r, ["SSESpecification", "SSEEnabled"], false))
	f := cfn.finding(name, ["SSESpecification", "SSEEnabled"], "table is encrypted with an AWS-owned key rather than KMS (SSESpecification.SSEEnabled is not true)")
}

deny contains f if {
	some name, r in cfn.resources_in(types)
	cfn.is_true(encryption.prop(r, ["SSESpecification", "SSEEnabled"], false))
	sse_type := encryption.prop(r, ["SSESpecification", "SSEType"], "KMS")
	is_string(sse_type)
	upper(sse_type) != "KMS"
	f := cfn.finding(name, ["SSESpecification", "SSEType"], sprintf("table encryption type is %s rather than KMS", [sse_type]))
}
