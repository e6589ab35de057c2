# METADATA
# title: KMS key rotation is enabled
# description: >-
#   Symmetric encryption keys should rotate their key material automatically
#   (EnableKeyRotation, off by default). Asymmetric and HMAC keys (KeySpec
#   other than SYMMETRIC_DEFAULT, KeyUsage other than ENCRYPT_DECRYPT) and keys
#   with imported material (Origin EXTERNAL) cannot rotate automatically and
#   are not reported; multi-Region replica keys (AWS::KMS::ReplicaKey) follow
#   their primary key.
# custom:
#   id: aws-kms-key-rotation
#   severity: medium
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::KMS::Key"]
#   remediation: Set EnableKeyRotation to true (optionally RotationPeriodInDays, 90 to 2560).
package tollgate.cloudformation.kms_key_rotation

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::KMS::Key")
	encryption.prop(r, ["KeySpec"], "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	encryption.prop(r, ["KeyUsage"], "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
	encryption.prop(r, ["Origin"], "AWS_KMS") == "AWS_KMS"
	encryption.unset_or_false(encryption.prop(r, ["EnableKeyRotation"], false))
	f := cfn.finding(name, ["EnableKeyRotation"], "symmetric KMS key does not rotate its key material (EnableKeyRotation is not true)")
}
