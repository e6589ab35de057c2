package tollgate.lib.aws.sqs_test

import rego.v1

import data.tollgate.lib.aws.sqs
import data.tollgate.lib.view

test_cloudformation if {
	q := sqs.queues.Q with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"SqsManagedSseEnabled": false}}}}
	[view.value(q, "kms_key"), view.value(q, "sqs_managed_sse")] == [null, false]
	_kms_key := view.field_of(q, "kms_key")
	_kms_key.path == ["Resources", "Q", "Properties", "KmsMasterKeyId"]
}

test_terraform if {
	q := sqs.queues[0] with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "values": {"kms_master_key_id": "k", "sqs_managed_sse_enabled": true}}]}
	[view.value(q, "kms_key"), view.value(q, "sqs_managed_sse")] == ["k", true]
	view.spelled(q, "sqs_managed_sse") == "sqs_managed_sse_enabled"
}
