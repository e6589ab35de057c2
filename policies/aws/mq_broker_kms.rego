# METADATA
# title: Amazon MQ broker uses a customer-managed KMS key
# description: >-
#   Amazon MQ always encrypts broker storage, by default with an AWS-
#   owned key (or the AWS-managed aws/mq key when UseAwsOwnedKey is
#   false without a key). Reported only with
#   require_customer_managed_keys: true.
# custom:
#   id: aws-mq-broker-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::AmazonMQ::Broker", "aws_mq_broker"]
#   remediation: Set EncryptionOptions (encryption_options) with UseAwsOwnedKey false and KmsKeyId (kms_key_id) a customer-managed key.
package tollgate.aws.mq_broker_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-mq-broker-kms"])
}
