# METADATA
# title: SNS topic is encrypted with KMS
# description: >-
#   SNS stores published messages unencrypted until they are delivered unless
#   the topic sets KmsMasterKeyId. Any KMS key satisfies the control; a
#   customer-managed key is needed when other AWS services (CloudWatch alarms,
#   EventBridge, S3 notifications) publish to the topic, because the
#   AWS-managed alias/aws/sns key policy cannot grant them access. With
#   require_customer_managed_keys on, an alias/aws/ key is reported too.
# custom:
#   id: aws-sns-topic-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::SNS::Topic", "aws_sns_topic"]
#   remediation: Set KmsMasterKeyId to a KMS key (for example !Ref TopicKey, or alias/aws/sns).
package tollgate.aws.sns_topic_encryption

import rego.v1

import data.tollgate.lib.aws.kms
import data.tollgate.lib.aws.sns
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set KmsMasterKeyId to a KMS key (for example !Ref TopicKey, or alias/aws/sns).",
	"terraform": "Set kms_master_key_id to a KMS key (for example aws_kms_key.topic.id, or alias/aws/sns).",
}

deny contains f if {
	some t in sns.topics
	view.value_or(t, "kms_key", "") == ""
	f := view.finding(t, "kms_key", sprintf("topic is not encrypted at rest (%s is not set)", [view.spelled(t, "kms_key")]), fix)
}

# The remediation under require_customer_managed_keys.
key_fix := {
	"cloudformation": "Set KmsMasterKeyId to a customer-managed KMS key (for example !Ref TopicKey).",
	"terraform": "Set kms_master_key_id to a customer-managed KMS key (for example aws_kms_key.topic.id).",
}

deny contains f if {
	some t in sns.topics
	view.value_or(t, "kms_key", "") != ""
	f := kms.aws_key_finding(t, view.field(t, t.paths.kms_key), "topic", "the AWS-managed key aws/sns", key_fix)
}
