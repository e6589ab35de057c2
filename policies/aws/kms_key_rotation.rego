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
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::KMS::Key", "aws_kms_key"]
#   remediation: Set EnableKeyRotation to true (optionally RotationPeriodInDays, 90 to 2560).
package tollgate.aws.kms_key_rotation

import rego.v1

import data.tollgate.lib.aws.kms
import data.tollgate.lib.encryption
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set EnableKeyRotation to true (optionally RotationPeriodInDays, 90 to 2560).",
	"terraform": "Set enable_key_rotation = true (optionally rotation_period_in_days, 90 to 2560).",
}

# Only symmetric encryption keys with AWS-generated material can rotate.
deny contains f if {
	some k in kms.keys
	view.value_or(k, "key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	view.value_or(k, "key_usage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
	view.value_or(k, "origin", "AWS_KMS") == "AWS_KMS"
	encryption.unset_or_false(view.value_or(k, "rotation", false))
	f := view.finding(k, "rotation", sprintf("symmetric KMS key does not rotate its key material (%s is not true)", [view.spelled(k, "rotation")]), fix)
}
