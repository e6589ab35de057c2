# METADATA
# title: DynamoDB table is encrypted with KMS
# description: >-
#   DynamoDB always encrypts tables, by default with an AWS-owned key that no
#   key policy or CloudTrail record covers. An aws_dynamodb_table's
#   server_side_encryption { enabled = true } switches to a KMS key (the
#   AWS-managed aws/dynamodb key unless kms_key_arn names a customer-managed
#   one). Global table replicas (replica blocks) inherit the table's setting
#   unless they name their own key.
# custom:
#   id: aws-dynamodb-table-encryption-kms
#   severity: low
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_dynamodb_table"]
#   remediation: >-
#     Add server_side_encryption { enabled = true, kms_key_arn =
#     aws_kms_key.table.arn } (and kms_key_arn on each replica block).
package tollgate.terraform.dynamodb_table_encryption_kms

import rego.v1

import data.tollgate.lib.encryption
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_dynamodb_table")
	encryption.unset_or_false(encryption.lookup(r.values, ["server_side_encryption", 0, "enabled"], false))
	f := tf.finding(i, ["server_side_encryption", 0, "enabled"], "table is encrypted with an AWS-owned key rather than KMS (server_side_encryption.enabled is not true)")
}
