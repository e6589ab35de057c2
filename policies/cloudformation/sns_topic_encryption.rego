# METADATA
# title: SNS topic is encrypted with KMS
# description: >-
#   SNS stores published messages unencrypted until they are delivered unless
#   the topic sets KmsMasterKeyId. Any KMS key satisfies the control; a
#   customer-managed key is needed when other AWS services (CloudWatch alarms,
#   EventBridge, S3 notifications) publish to the topic, because the
#   AWS-managed alias/aws/sns key policy cannot grant them access.
# custom:
#   id: aws-sns-topic-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::SNS::Topic"]
#   remediation: Set KmsMasterKeyId to a KMS key (for example !Ref TopicKey, or alias/aws/sns).
package tollgate.cloudformation.sns_topic_encryption

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::SNS::Topic")
	encryption.prop(r, ["KmsMasterKeyId"], "") == ""
	f := cfn.finding(name, ["KmsMasterKeyId"], "topic is not encrypted at rest (KmsMasterKeyId is not set)")
}
