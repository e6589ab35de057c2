# METADATA
# title: MemoryDB cluster uses a customer-managed KMS key
# description: >-
#   MemoryDB always encrypts data at rest, by default with an AWS-owned
#   key. Reported only with require_customer_managed_keys: true.
# custom:
#   id: aws-memorydb-cluster-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::MemoryDB::Cluster", "aws_memorydb_cluster"]
#   remediation: Set KmsKeyId (kms_key_arn) to a customer-managed KMS key.
package tollgate.aws.memorydb_cluster_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-memorydb-cluster-kms"])
}
