# METADATA
# title: SQS queue is encrypted at rest
# description: >-
#   With aws provider v5, an aws_sqs_queue that sets neither kms_master_key_id
#   nor sqs_managed_sse_enabled gets SSE-SQS (an AWS-owned key), like
#   CloudFormation; one that sets sqs_managed_sse_enabled = false and no
#   kms_master_key_id stores messages unencrypted. Queues that use SSE-SQS
#   rather than KMS are reported by aws-sqs-queue-encryption-kms.
# custom:
#   id: aws-sqs-queue-encryption
#   severity: high
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_sqs_queue"]
#   remediation: Set kms_master_key_id to a KMS key (preferred) or remove sqs_managed_sse_enabled = false.
package tollgate.terraform.sqs_queue_encryption

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_sqs_queue")
	tf.value(r, ["kms_master_key_id"], "") == ""
	core.is_false(tf.value(r, ["sqs_managed_sse_enabled"], true))
	f := tf.finding(i, ["sqs_managed_sse_enabled"], "queue stores messages unencrypted (sqs_managed_sse_enabled is false and kms_master_key_id is not set)")
}
