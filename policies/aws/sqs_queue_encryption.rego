# METADATA
# title: SQS queue is encrypted at rest
# description: >-
#   New queues are encrypted with SSE-SQS (an AWS-owned key) by default; a
#   queue that sets SqsManagedSseEnabled to false and no KmsMasterKeyId stores
#   messages unencrypted. Queues that use SSE-SQS rather than KMS are reported
#   by aws-sqs-queue-encryption-kms. With require_customer_managed_keys on, a
#   queue without KmsMasterKeyId (SSE-SQS, an AWS-owned key) or with an
#   alias/aws/ key is reported here too.
# custom:
#   id: aws-sqs-queue-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::SQS::Queue", "aws_sqs_queue"]
#   remediation: Set KmsMasterKeyId to a KMS key (preferred) or remove SqsManagedSseEnabled false.
package tollgate.aws.sqs_queue_encryption

import rego.v1

import data.tollgate.lib.aws.kms
import data.tollgate.lib.aws.sqs
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set KmsMasterKeyId to a KMS key (preferred) or remove SqsManagedSseEnabled false.",
	"terraform": "Set kms_master_key_id to a KMS key (preferred) or remove sqs_managed_sse_enabled = false.",
}

# SSE-SQS is on by default: only an explicit false without a KMS key leaves
# messages unencrypted.
deny contains f if {
	some q in sqs.queues
	view.value_or(q, "kms_key", "") == ""
	core.is_false(view.value_or(q, "sqs_managed_sse", true))
	msg := sprintf("queue stores messages unencrypted (%s is false and %s is not set)", [view.spelled(q, "sqs_managed_sse"), view.spelled(q, "kms_key")])
	f := view.finding(q, "sqs_managed_sse", msg, fix)
}

# The remediation under require_customer_managed_keys.
key_fix := {
	"cloudformation": "Set KmsMasterKeyId to a customer-managed KMS key (for example !Ref QueueKey).",
	"terraform": "Set kms_master_key_id to a customer-managed KMS key (for example aws_kms_key.queue.id).",
}

deny contains f if {
	some q in sqs.queues
	view.value_or(q, "kms_key", "") == ""
	not core.is_false(view.value_or(q, "sqs_managed_sse", true))
	f := kms.aws_key_finding(q, view.field(q, q.paths.kms_key), "queue", "the AWS-owned SSE-SQS key", key_fix)
}

deny contains f if {
	some q in sqs.queues
	view.value_or(q, "kms_key", "") != ""
	f := kms.aws_key_finding(q, view.field(q, q.paths.kms_key), "queue", "the AWS-managed key aws/sqs", key_fix)
}
