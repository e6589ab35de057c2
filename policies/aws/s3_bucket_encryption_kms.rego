# METADATA
# title: S3 bucket is encrypted with a customer-managed KMS key
# description: >-
#   Since 2023 S3 encrypts every new object with SSE-S3 (AES256) when a bucket
#   sets nothing, so data is encrypted at rest, but with a key nobody can scope
#   or revoke. Default encryption must use SSE-KMS or DSSE-KMS with a
#   customer-managed key; aws:kms without KMSMasterKeyID (or with alias/aws/s3)
#   uses the AWS-managed key, whose policy cannot be restricted. Buckets
#   that receive Classic Load Balancer access logs or, with logging
#   enabled, Application Load Balancer access or connection logs may use
#   SSE-S3: that log delivery supports SSE-S3 only. Network Load Balancer
#   log buckets support SSE-KMS and are not exempt.
# custom:
#   id: aws-s3-bucket-encryption-kms
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::S3::Bucket", "aws_s3_bucket", "aws_s3_bucket_server_side_encryption_configuration"]
#   remediation: >-
#     Set BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault
#     to SSEAlgorithm aws:kms (or aws:kms:dsse) with KMSMasterKeyID set to a
#     customer-managed key (for example !GetAtt BucketKey.Arn).
package tollgate.aws.s3_bucket_encryption_kms

import rego.v1

import data.tollgate.lib.aws.kms
import data.tollgate.lib.aws.s3
import data.tollgate.lib.core
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault to SSEAlgorithm aws:kms (or aws:kms:dsse) with KMSMasterKeyID set to a customer-managed key (for example !GetAtt BucketKey.Arn).",
	"terraform": "Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with rule { apply_server_side_encryption_by_default { sse_algorithm = \"aws:kms\", kms_master_key_id = aws_kms_key.bucket.arn } }.",
}

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

deny contains f if {
	some b in s3.buckets
	not s3.has_default_encryption(b)
	not s3.log_bucket(b)
	f := view.field_finding(b, s3.missing_encryption_at(b), "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key", fix)
}

# A rule without the default encryption block only toggles the bucket key:
# objects then fall back to SSE-S3.
deny contains f if {
	some e in s3.encryption_rules
	not e.by_default_written
	not e.log_bucket
	f := view.field_finding(e.resource, e, sprintf("encryption rule sets no %s, so objects get SSE-S3 rather than a customer-managed KMS key", [e.by_default_name]), fix)
}

deny contains f if {
	some e in s3.encryption_rules
	alg := e.algorithm.value
	is_string(alg)
	not alg in kms_algorithms
	not e.log_bucket
	f := view.field_finding(e.resource, e.algorithm, sprintf("default encryption uses %s, not SSE-KMS with a customer-managed key", [alg]), fix)
}

deny contains f if {
	some e in s3.encryption_rules
	e.algorithm.value in kms_algorithms
	not kms.customer_key(e.resource, e.key.value)
	f := view.field_finding(e.resource, e.key, "default encryption uses the AWS-managed key aws/s3 rather than a customer-managed KMS key", fix)
}

# Undecided (reported with unknown: block): the bucket's encryption
# configuration is unknown (a Ref to a parameter, an Fn::If on a parameter
# without default, a variable), so whether it names a customer-managed key
# cannot be told.
_configuration := {
	"cloudformation": ["BucketEncryption", "ServerSideEncryptionConfiguration"],
	"terraform": ["server_side_encryption_configuration"],
}

deny contains u if {
	undecided.asked
	some b in s3.buckets
	not s3.log_bucket(b)
	p := _configuration[b.family]
	x := view.get(b.values, p)
	core.is_unknown(x)
	u := undecided.at(b, p, x)
}
