# METADATA
# title: Encrypted database storage uses a customer-managed KMS key
# description: >-
#   Encrypted RDS, DocumentDB and Neptune storage without KmsKeyId uses the
#   AWS-managed key (aws/rds), whose key policy cannot be restricted and whose
#   snapshots cannot be shared with other accounts. Resources whose encryption
#   is inherited (cluster members, replicas, restores) are not reported.
# custom:
#   id: aws-rds-storage-encryption-cmk
#   severity: low
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"]
#   remediation: Set KmsKeyId to a customer-managed key (for example !GetAtt DatabaseKey.Arn).
package tollgate.cloudformation.rds_storage_encryption_cmk

import rego.v1

import data.tollgate.cloudformation.rds_storage_encrypted as storage
import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in storage.databases
	cfn.is_true(encryption.prop(r, ["StorageEncrypted"], false))
	not encryption.customer_key(encryption.prop(r, ["KmsKeyId"], ""))
	f := cfn.finding(name, ["KmsKeyId"], sprintf("%s storage is encrypted with the AWS-managed key rather than a customer-managed KMS key", [r.Type]))
}
