# METADATA
# title: KMS key rotation is enabled
# description: >-
#   Symmetric encryption keys should rotate their key material automatically
#   (enable_key_rotation, off by default). Asymmetric and HMAC keys
#   (customer_master_key_spec other than SYMMETRIC_DEFAULT, key_usage other
#   than ENCRYPT_DECRYPT), keys with imported material (aws_kms_external_key)
#   and multi-Region replica keys (aws_kms_replica_key, which follow their
#   primary) are not reported.
# custom:
#   id: aws-kms-key-rotation
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_kms_key"]
#   remediation: Set enable_key_rotation = true (optionally rotation_period_in_days, 90 to 2560).
package tollgate.terraform.kms_key_rotation

import rego.v1

import data.tollgate.lib.encryption
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_kms_key")
	tf.value(r, ["customer_master_key_spec"], "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	tf.value(r, ["key_usage"], "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
	encryption.unset_or_false(tf.value(r, ["enable_key_rotation"], false))
	f := tf.finding(i, ["enable_key_rotation"], "symmetric KMS key does not rotate its key material (enable_key_rotation is not true)")
}
