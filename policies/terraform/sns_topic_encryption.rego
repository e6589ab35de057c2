# METADATA
# title: SNS topic is encrypted with KMS
# description: >-
#   SNS stores published messages unencrypted until they are delivered unless
#   the aws_sns_topic sets kms_master_key_id. Any KMS key satisfies the
#   control; a customer-managed key is needed when other AWS services publish
#   to the topic, because the alias/aws/sns key policy cannot grant them access.
# custom:
#   id: aws-sns-topic-encryption
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_sns_topic"]
#   remediation: Set kms_master_key_id to a KMS key (for example aws_kms_key.topic.id, or alias/aws/sns).
package tollgate.terraform.sns_topic_encryption

import rego.v1

import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_sns_topic")
	tf.value(r, ["kms_master_key_id"], "") == ""
	f := tf.finding(i, ["kms_master_key_id"], "topic is not encrypted at rest (kms_master_key_id is not set)")
}
