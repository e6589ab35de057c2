# METADATA
# title: CloudTrail trail encrypts log files with KMS
# description: >-
#   Without kms_key_id, an aws_cloudtrail's log files are only protected by the
#   bucket's SSE-S3 encryption, so anyone who can read the bucket can read the
#   account's activity history. With SSE-KMS, reading a log also requires
#   kms:Decrypt on a customer-managed key.
# custom:
#   id: aws-cloudtrail-trail-encryption-kms
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_cloudtrail"]
#   remediation: Set kms_key_id to a customer-managed KMS key ARN whose policy lets cloudtrail.amazonaws.com encrypt.
package tollgate.terraform.cloudtrail_trail_encryption_kms

import rego.v1

import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_cloudtrail")
	tf.value(r, ["kms_key_id"], "") == ""
	f := tf.finding(i, ["kms_key_id"], "trail log files are not encrypted with KMS (kms_key_id is not set)")
}
