# METADATA
# title: SQS queue is encrypted at rest
# description: >-
#   New queues are encrypted with SSE-SQS (an AWS-owned key) by default; a
#   queue that sets SqsManagedSseEnabled to false and no KmsMasterKeyId stores
#   messages unencrypted. Queues that use SSE-SQS rather than KMS are reported
#   by aws-sqs-queue-encryption-kms.
# custom:
#   id: aws-sqs-queue-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::SQS::Queue"]
#   remediation: Set KmsMasterKeyId to a KMS key (preferred) or remove SqsManagedSseEnabled false.
package tollgate.cloudformation.sqs_queue_encryption

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::SQS::Queue")
	encryption.prop(r, ["KmsMasterKeyId"], "") == ""
	cfn.is_false(encryption.prop(r, ["SqsManagedSseEnabled"], true))
	f := cfn.finding(name, ["SqsManagedSseEnabled"], "queue stores messages unencrypted (SqsManagedSseEnabled is false and KmsMasterKeyId is not set)")
}
