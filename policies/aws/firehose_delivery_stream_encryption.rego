# METADATA
# title: Firehose delivery stream is encrypted at rest
# description: >-
#   A Direct PUT Firehose delivery stream buffers records unencrypted
#   unless server-side encryption is enabled. Streams that read from a
#   Kinesis data stream or MSK cannot enable it (they rely on the
#   source's encryption) and are not reported; a stream type that cannot
#   be known statically is not reported either.
# custom:
#   id: aws-firehose-delivery-stream-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::KinesisFirehose::DeliveryStream", "aws_kinesis_firehose_delivery_stream"]
#   remediation: Set DeliveryStreamEncryptionConfigurationInput (CloudFormation) or server_side_encryption { enabled = true } (Terraform), with a customer-managed key (CUSTOMER_MANAGED_CMK) where required.
package tollgate.aws.firehose_delivery_stream_encryption

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-firehose-delivery-stream-encryption"])
}
