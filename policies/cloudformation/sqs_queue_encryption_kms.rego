# METADATA
# title: SQS queue is encrypted with KMS
# description: >-
#   A queue without KmsMasterKeyId is encrypted with SSE-SQS, an AWS-owned key
#   that no key policy or CloudTrail record covers, so access to the messages
#   cannot be restricted or audited through KMS. The control asks for KMS, so
#   SSE-SQS alone is reported, at low severity because the data is still
#   encrypted; a queue with no encryption at all is aws-sqs-queue-encryption.
# custom:
#   id: aws-sqs-queue-encryption-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::SQS::Queue"]
#   remediation: Set KmsMasterKeyId to a KMS key (for example !Ref QueueKey, or alias/aws/sqs).
package tollgate.cloudformation.sqs_queue_encryption_kms

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::SQS::Queue")
	encryption.prop(r, ["KmsMasterKeyId"], "") == ""
	not cfn.is_false(encryption.prop(r, ["SqsManagedSseEnabled"], true))
	f := cfn.finding(name, ["KmsMasterKeyId"], "queue is encrypted with SSE-SQS rather than a KMS key (KmsMasterKeyId is not set)")
}
