# METADATA
# description: SQS queues as one view (see lib/view.rego).
package tollgate.lib.aws.sqs

import rego.v1

import data.tollgate.lib.view

# queues: kms_key is the KMS key of SSE-KMS; sqs_managed_sse the switch of
# SSE-SQS, on by default for new queues.
queues := view.resources({
	"cloudformation": {"type": "AWS::SQS::Queue", "fields": {
		"kms_key": ["KmsMasterKeyId"],
		"sqs_managed_sse": ["SqsManagedSseEnabled"],
	}},
	"terraform": {"type": "aws_sqs_queue", "fields": {
		"kms_key": ["kms_master_key_id"],
		"sqs_managed_sse": ["sqs_managed_sse_enabled"],
	}},
})
