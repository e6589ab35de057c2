# METADATA
# title: S3 bucket policy denies requests without TLS
# description: >-
#   S3 accepts plain HTTP requests unless the bucket policy denies them. Every
#   bucket needs an AWS::S3::BucketPolicy with a Deny statement for all
#   principals on s3:* (or *) conditioned on aws:SecureTransport being false
#   (Bool or BoolIfExists). An Allow conditioned on aws:SecureTransport true is
#   not enough: identity policies of the bucket's account and ACLs still grant
#   access over HTTP, because a missing Allow in the bucket policy does not
#   deny anything; only an explicit Deny overrides every Allow.
# custom:
#   id: aws-s3-bucket-enforce-tls
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::S3::Bucket", "AWS::S3::BucketPolicy", "aws_s3_bucket", "aws_s3_bucket_policy"]
#   remediation: >-
#     Add an AWS::S3::BucketPolicy for the bucket whose PolicyDocument has a
#     statement with Effect Deny, Principal "*", Action "s3:*", Resource the
#     bucket ARN and its objects, and Condition
#     {"Bool": {"aws:SecureTransport": "false"}} (CDK: enforceSSL: true).
package tollgate.aws.s3_bucket_enforce_tls

import rego.v1

import data.tollgate.lib.aws.s3
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Add an AWS::S3::BucketPolicy for the bucket whose PolicyDocument has a statement with Effect Deny, Principal \"*\", Action \"s3:*\", Resource the bucket ARN and its objects, and Condition {\"Bool\": {\"aws:SecureTransport\": \"false\"}} (CDK: enforceSSL: true).",
	"terraform": "Add an aws_s3_bucket_policy for the bucket with a statement { effect = \"Deny\", principals { type = \"*\", identifiers = [\"*\"] }, actions = [\"s3:*\"], resources = [bucket ARN, \"${bucket ARN}/*\"], condition { test = \"Bool\", variable = \"aws:SecureTransport\", values = [\"false\"] } }.",
}

deny contains f if {
	some b in s3.buckets
	not s3.has_bucket_policy(b)
	f := view.resource_finding(b, "bucket has no bucket policy denying requests that do not use TLS (aws:SecureTransport false)", fix)
}

deny contains f if {
	some p in s3.bucket_policies
	s3.lacks_tls_deny(p)
	f := view.finding(p, "document", "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false", fix)
}
