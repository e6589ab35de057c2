# METADATA
# title: S3 bucket policy denies requests without TLS
# description: >-
#   S3 accepts plain HTTP requests unless the bucket policy denies them. Every
#   bucket needs a policy (aws_s3_bucket_policy joined by reference or name,
#   or the legacy policy argument) with a Deny statement for all principals
#   on s3:* (or *) conditioned on aws:SecureTransport being false (Bool or
#   BoolIfExists). The policy may be a JSON string (jsonencode) or an
#   aws_iam_policy_document data source, whose statement blocks are read (a
#   jsonencode over resource attributes that never mentions
#   aws:SecureTransport, or Deny, cannot deny plain HTTP either). An
#   Allow conditioned on aws:SecureTransport true is not enough: only an
#   explicit Deny overrides identity-policy and ACL grants. A policy whose
#   bucket cannot be resolved may belong to any bucket, so no bucket is then
#   reported as lacking one.
# custom:
#   id: aws-s3-bucket-enforce-tls
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_s3_bucket", "aws_s3_bucket_policy"]
#   remediation: >-
#     Add an aws_s3_bucket_policy for the bucket with a statement { effect =
#     "Deny", principals { type = "*", identifiers = ["*"] }, actions =
#     ["s3:*"], resources = [bucket ARN, "${bucket ARN}/*"], condition { test =
#     "Bool", variable = "aws:SecureTransport", values = ["false"] } }.
package tollgate.terraform.s3_bucket_enforce_tls

import rego.v1

import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption

deny contains f if {
	some i, b in tf.resources("aws_s3_bucket")
	not tf.has_value(b, ["policy"])
	not tf_encryption.configured(b, "aws_s3_bucket_policy", "bucket", "bucket")
	f := tf.resource_finding(i, "bucket has no bucket policy denying requests that do not use TLS (aws:SecureTransport false)")
}

deny contains f if {
	some type in ["aws_s3_bucket_policy", "aws_s3_bucket"]
	some i, r in tf.resources(type)
	policy := tf.value(r, ["policy"], null)
	not directory_bucket_policy(r)
	lacks_tls_deny(policy)
	f := tf.finding(i, ["policy"], "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false")
}

# A directory bucket (S3 Express) is governed by s3express:* actions, not
# s3:*, and is not an aws_s3_bucket: its policy is out of scope, like the
# bucket itself.
directory_bucket_policy(r) if {
	r.type == "aws_s3_bucket_policy"
	tf_encryption.references_type(tf.value(r, ["bucket"], null), "aws_s3_directory_bucket")
}

directory_bucket_policy(r) if {
	r.type == "aws_s3_bucket_policy"
	bucket := tf.value(r, ["bucket"], "")
	is_string(bucket) # a reference is handled above
	endswith(bucket, "--x-s3")
}

lacks_tls_deny(policy) if {
	policy != null
	not enforces_tls(policy)
}

lacks_tls_deny(policy) if tf_encryption.unknown_jsonencode_without(policy, ["aws:SecureTransport", "Deny"])

enforces_tls(policy) if {
	some s in tf_encryption.statements(policy)
	tf_encryption.denies_insecure_transport(s)
}
