# METADATA
# title: SQS queue is encrypted with KMS
# description: >-
#   A queue without KmsMasterKeyId is encrypted with SSE-SQS, an AWS-owned key
#   that no key policy or CloudTrail record covers, so access to the messages
#   cannot be restricted or audited through KMS. The control asks for KMS, so
#   SSE-SQS alone is reported, at low severity because the data is still
#   encrypted; a queue with no encryption at all is aws-sqs-queue-encryption.
#   With require_customer_managed_keys on, aws-sqs-queue-encryption reports
#   every queue that is not on a customer-managed key (SSE-SQS or
#   alias/aws/sqs), at high severity, and this rule stays quiet so that no
#   queue is reported twice.
# custom:
#   id: aws-sqs-queue-encryption-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::SQS::Queue", "aws_sqs_queue"]
#   remediation: Set KmsMasterKeyId to a KMS key (for example !Ref QueueKey, or alias/aws/sqs).
package tollgate.aws.sqs_queue_encryption_kms

import rego.v1

import data.tollgate.lib.at_rest
import data.tollgate.lib.aws.sqs
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set KmsMasterKeyId to a KMS key (for example !Ref QueueKey, or alias/aws/sqs).",
	"terraform": "Set kms_master_key_id to a KMS key (for example aws_kms_key.queue.id, or alias/aws/sqs).",
}

deny contains f if {
	not at_rest.require_cmk
	some q in sqs.queues
	view.value_or(q, "kms_key", "") == ""
	not core.is_false(view.value_or(q, "sqs_managed_sse", true))
	f := view.finding(q, "kms_key", sprintf("queue is encrypted with SSE-SQS rather than a KMS key (%s is not set)", [view.spelled(q, "kms_key")]), fix)
}
