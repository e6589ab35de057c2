# METADATA
# title: Kinesis data stream is encrypted at rest
# description: >-
#   A Kinesis data stream stores records unencrypted unless server-side
#   encryption with KMS is set (StreamEncryption / encryption_type =
#   "KMS"); alias/aws/kinesis is accepted unless
#   require_customer_managed_keys is on.
# custom:
#   id: aws-kinesis-stream-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Kinesis::Stream", "aws_kinesis_stream"]
#   remediation: Set StreamEncryption (EncryptionType KMS, KeyId) in CloudFormation or encryption_type = "KMS" and kms_key_id in Terraform, with a customer-managed key.
package tollgate.aws.kinesis_stream_encryption

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-kinesis-stream-encryption"])
}
