# METADATA
# title: CloudTrail trail encrypts log files with KMS
# description: >-
#   Without KMSKeyId, CloudTrail log files are only protected by the bucket's
#   SSE-S3 encryption, so anyone who can read the bucket can read the account's
#   activity history. With SSE-KMS, reading a log also requires kms:Decrypt on
#   a customer-managed key. With require_customer_managed_keys on, an
#   alias/aws/ key is reported too.
# custom:
#   id: aws-cloudtrail-trail-encryption-kms
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::CloudTrail::Trail", "aws_cloudtrail"]
#   remediation: Set KMSKeyId to a customer-managed KMS key whose policy lets cloudtrail.amazonaws.com encrypt.
package tollgate.aws.cloudtrail_trail_encryption_kms

import rego.v1

import data.tollgate.lib.aws.cloudtrail
import data.tollgate.lib.aws.kms
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set KMSKeyId to a customer-managed KMS key whose policy lets cloudtrail.amazonaws.com encrypt.",
	"terraform": "Set kms_key_id to a customer-managed KMS key ARN whose policy lets cloudtrail.amazonaws.com encrypt.",
}

deny contains f if {
	some t in cloudtrail.trails
	view.value_or(t, "kms_key", "") == ""
	f := view.finding(t, "kms_key", sprintf("trail log files are not encrypted with KMS (%s is not set)", [view.spelled(t, "kms_key")]), fix)
}

# The remediation under require_customer_managed_keys.
key_fix := {
	"cloudformation": "Set KMSKeyId to a customer-managed KMS key whose policy lets cloudtrail.amazonaws.com encrypt.",
	"terraform": "Set kms_key_id to a customer-managed KMS key ARN whose policy lets cloudtrail.amazonaws.com encrypt.",
}

deny contains f if {
	some t in cloudtrail.trails
	view.value_or(t, "kms_key", "") != ""
	f := kms.aws_key_finding(t, view.field(t, t.paths.kms_key), "trail", "an AWS-managed key", key_fix)
}
