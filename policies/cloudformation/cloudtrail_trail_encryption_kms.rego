# METADATA
# title: CloudTrail trail encrypts log files with KMS
# description: >-
#   Without KMSKeyId, CloudTrail log files are only protected by the bucket's
#   SSE-S3 encryption, so anyone who can read the bucket can read the account's
#   activity history. With SSE-KMS, reading a log also requires kms:Decrypt on
#   a customer-managed key.
# custom:
#   id: aws-cloudtrail-trail-encryption-kms
#   severity: medium
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::CloudTrail::Trail"]
#   remediation: Set KMSKeyId to a customer-managed KMS key whose policy lets cloudtrail.amazonaws.com encrypt.
package tollgate.cloudformation.cloudtrail_trail_encryption_kms

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::CloudTrail::Trail")
	encryption.prop(r, ["KMSKeyId"], "") == ""
	f := cfn.finding(name, ["KMSKeyId"], "trail log files are not encrypted with KMS (KMSKeyId is not set)")
}
