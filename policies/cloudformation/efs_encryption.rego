# METADATA
# title: EFS file system is encrypted at rest
# description: >-
#   An EFS file system created through CloudFormation is unencrypted unless
#   Encrypted is true (the console default does not apply), and encryption
#   cannot be enabled after creation.
# custom:
#   id: aws-efs-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::EFS::FileSystem"]
#   remediation: Set Encrypted to true (and KmsKeyId to a customer-managed key).
package tollgate.cloudformation.efs_encryption

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::EFS::FileSystem")
	encryption.unset_or_false(encryption.prop(r, ["Encrypted"], false))
	f := cfn.finding(name, ["Encrypted"], "file system is not encrypted at rest (Encrypted is not true)")
}
