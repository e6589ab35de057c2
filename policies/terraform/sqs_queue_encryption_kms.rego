# METADATA
# title: SQS queue is encrypted with KMS
# description: >-
#   An aws_sqs_queue without kms_master_key_id is encrypted with SSE-SQS (the
#   provider v5 default), an AWS-owned key that no key policy or CloudTrail
#   record covers. The control asks for KMS, so SSE-SQS alone is reported, at
#   low severity because the data is still encrypted; a queue with no
#   encryption at all is aws-sqs-queue-encryption.
# custom:
#   id: aws-sqs-queue-encryption-kms
#   severity: low
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_sqs_queue"]
#   remediation: Set kms_master_key_id to a KMS key (for example aws_kms_key.queue.id, or alias/aws/sqs).
package tollgate.terraform.sqs_queue_encryption_kms

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_sqs_queue")
	tf.value(r, ["kms_master_key_id"], "") == ""
	not core.is_false(tf.value(r, ["sqs_managed_sse_enabled"], true))
	f := tf.finding(i, ["kms_master_key_id"], "queue is encrypted with SSE-SQS rather than a KMS key (kms_master_key_id is not set)")
}
