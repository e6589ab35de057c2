# METADATA
# title: EMR security configuration encrypts data at rest
# description: >-
#   An EMR security configuration encrypts S3 data written by EMRFS and the
#   cluster's local disks only when EncryptionConfiguration.EnableAtRestEncryption
#   is true. A configuration without EncryptionConfiguration (one for
#   Kerberos or Lake Formation alone) leaves every cluster that uses it
#   unencrypted too. In Terraform the configuration is a JSON string, decoded
#   when it is known; findings then point at the configuration argument.
# custom:
#   id: aws-emr-encryption-at-rest
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::EMR::SecurityConfiguration", "aws_emr_security_configuration"]
#   remediation: >-
#     Set EncryptionConfiguration.EnableAtRestEncryption to true with an
#     AtRestEncryptionConfiguration (S3EncryptionConfiguration and
#     LocalDiskEncryptionConfiguration, with a KMS key).
package tollgate.aws.emr_encryption_at_rest

import rego.v1

import data.tollgate.lib.aws.emr

fix := {
	"cloudformation": "Set SecurityConfiguration.EncryptionConfiguration.EnableAtRestEncryption to true with AtRestEncryptionConfiguration (S3EncryptionConfiguration and LocalDiskEncryptionConfiguration with a KMS key).",
	"terraform": "In the configuration JSON set EncryptionConfiguration.EnableAtRestEncryption to true with AtRestEncryptionConfiguration (S3EncryptionConfiguration and LocalDiskEncryptionConfiguration with a KMS key).",
}

deny contains f if {
	some c in emr.security_configurations
	q := ["EncryptionConfiguration", "EnableAtRestEncryption"]
	emr.switch_off(c, q)
	f := emr.finding(c, q, "EMR security configuration does not encrypt data at rest (EncryptionConfiguration.EnableAtRestEncryption is not true)", fix)
}
