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
#   configure any bucket, so no bucket is reported as lacking one. Buckets
#   that receive Application Load Balancer access or connection logs
#   (aws_lb/aws_alb access_logs or connection_logs with enabled = true) or
#   Classic Load Balancer access logs (aws_elb access_logs) may use SSE-S3:
#   that log delivery supports SSE-S3 only. Network Load Balancer log
#   buckets support SSE-KMS and are not exempt.
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
	not log_bucket(b)
	f := tf.resource_finding(i, "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key")
}

# A rule without apply_server_side_encryption_by_default only toggles the
# bucket key: objects then fall back to SSE-S3.
deny contains f if {
	some [i, path, rule] in sse_rules
	count(object.get(rule, "apply_server_side_encryption_by_default", [])) == 0
	not configures_log_bucket(i)
	f := tf.finding(i, path, "encryption rule sets no apply_server_side_encryption_by_default, so objects get SSE-S3 rather than a customer-managed KMS key")
}

deny contains f if {
	some [i, path, rule] in sse_rules
	alg := default_block(rule).sse_algorithm
	is_string(alg)
	not alg in kms_algorithms
	not configures_log_bucket(i)
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

# Load balancer logs.
#
# Application Load Balancers (access and connection logs) and Classic Load
# Balancers (access logs) deliver logs only to buckets encrypted with SSE-S3:
# SSE-KMS default encryption stops log delivery, so SSE-S3 is the correct
# setting for such a bucket. Network Load Balancer access logs support
# SSE-KMS with a customer-managed key, so their buckets get no exemption.

# log_targets are the bucket arguments of enabled SSE-S3-only log blocks.
# ALB log blocks default to enabled = false; an unknown may be true, and the
# bucket must then be deliverable.
log_targets contains t if {
	some type in ["aws_lb", "aws_alb"]
	some lb in tf.resources(type)
	tf.value(lb, ["load_balancer_type"], "application") == "application"
	some kind in ["access_logs", "connection_logs"]
	some blk in known_objects(tf.value(lb, [kind], []))
	not core.not_true(block_value(blk, "enabled", false))
	t := block_value(blk, "bucket", null)
}

# Classic Load Balancer access_logs blocks default to enabled = true.
log_targets contains t if {
	some elb in tf.resources("aws_elb")
	some blk in known_objects(tf.value(elb, ["access_logs"], []))
	not core.is_false(block_value(blk, "enabled", true))
	t := block_value(blk, "bucket", null)
}

# block_value reads a nested block argument; null (unset in a plan) is missing.
block_value(blk, key, def) := v if {
	v := object.get(blk, key, null)
	v != null
} else := def

# log_bucket holds for a bucket some log target names by reference or by
# its literal name. A target that cannot be resolved names no bucket.
log_bucket(b) if {
	some t in log_targets
	tf_encryption.names(t, b, "bucket")
}

# configures_log_bucket holds when the encryption rules at resource index i
# belong to log buckets only: the bucket itself (legacy inline block), or a
# settings resource whose bucket names only log buckets or is the literal
# name a log target uses.
configures_log_bucket(i) if {
	b := input.resources[i]
	b.type == "aws_s3_bucket"
	log_bucket(b)
}

configures_log_bucket(i) if {
	s := input.resources[i]
	s.type == settings_type
	x := tf.value(s, ["bucket"], null)
	buckets := [b | some b in tf.resources("aws_s3_bucket"); tf_encryption.names(x, b, "bucket")]
	count(buckets) > 0
	every b in buckets {
		log_bucket(b)
	}
}

configures_log_bucket(i) if {
	s := input.resources[i]
	s.type == settings_type
	x := tf.value(s, ["bucket"], null)
	is_string(x)
	x != ""
	x in log_targets
}
