# METADATA
# title: S3 bucket is encrypted with a customer-managed KMS key
# description: >-
#   Since 2023 S3 encrypts every new object with SSE-S3 (AES256) when a bucket
#   sets nothing, with a key nobody can scope or revoke. Default encryption
#   (an aws_s3_bucket_server_side_encryption_configuration joined to the
#   bucket by reference or name, or the legacy inline
#   server_side_encryption_configuration block) must use aws:kms or
#   aws:kms:dsse with kms_master_key_id set to a customer-managed key: without
#   it, or with alias/aws/s3, S3 uses the AWS-managed key. A configuration
#   whose bucket cannot be resolved (a variable, a remote module output) may
#   configure any bucket, so no bucket is reported as lacking one.
# custom:
#   id: aws-s3-bucket-encryption-kms
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration"]
#   remediation: >-
#     Add an aws_s3_bucket_server_side_encryption_configuration for the bucket
#     with rule { apply_server_side_encryption_by_default { sse_algorithm =
#     "aws:kms", kms_master_key_id = aws_kms_key.bucket.arn } }.
package tollgate.terraform.s3_bucket_encryption_kms

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

settings_type := "aws_s3_bucket_server_side_encryption_configuration"

deny contains f if {
	some i, b in tf.resources("aws_s3_bucket")
	not has_inline_configuration(b)
	not tf_encryption.configured(b, settings_type, "bucket", "bucket")
	f := tf.resource_finding(i, "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key")
}

# A rule without apply_server_side_encryption_by_default only toggles the
# bucket key: objects then fall back to SSE-S3.
deny contains f if {
	some [i, path, rule] in sse_rules
	count(object.get(rule, "apply_server_side_encryption_by_default", [])) == 0
	f := tf.finding(i, path, "encryption rule sets no apply_server_side_encryption_by_default, so objects get SSE-S3 rather than a customer-managed KMS key")
}

deny contains f if {
	some [i, path, rule] in sse_rules
	alg := default_block(rule).sse_algorithm
	is_string(alg)
	not alg in kms_algorithms
	f := tf.finding(i, array.concat(path, ["apply_server_side_encryption_by_default", 0, "sse_algorithm"]), sprintf("default encryption uses %s, not SSE-KMS with a customer-managed key", [alg]))
}

deny contains f if {
	some [i, path, rule] in sse_rules
	by_default := default_block(rule)
	by_default.sse_algorithm in kms_algorithms
	not tf_encryption.customer_key(object.get(by_default, "kms_master_key_id", null))
	f := tf.finding(i, array.concat(path, ["apply_server_side_encryption_by_default", 0, "kms_master_key_id"]), "default encryption uses the AWS-managed key aws/s3 rather than a customer-managed KMS key")
}

has_inline_configuration(b) if count(tf.value(b, ["server_side_encryption_configuration"], [])) > 0

has_inline_configuration(b) if core.is_unknown(tf.value(b, ["server_side_encryption_configuration"], []))

default_block(rule) := b if {
	bs := object.get(rule, "apply_server_side_encryption_by_default", [])
	is_array(bs)
	b := bs[0]
	is_object(b)
	not core.is_unknown(b)
}

# sse_rules yields [resource index, path under values, rule] for every known
# rule of a settings resource or of a legacy inline block.
sse_rules contains [i, ["rule", j], rule] if {
	some i, s in tf.resources(settings_type)
	some j, rule in known_objects(tf.value(s, ["rule"], []))
}

sse_rules contains [i, ["server_side_encryption_configuration", k, "rule", j], rule] if {
	some i, b in tf.resources("aws_s3_bucket")
	some k, config in known_objects(tf.value(b, ["server_side_encryption_configuration"], []))
	some j, rule in known_objects(object.get(config, "rule", []))
}

known_objects(xs) := {j: x |
	is_array(xs)
	some j, x in xs
	is_object(x)
	not core.is_unknown(x)
}
