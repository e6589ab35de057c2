package tollgate.cloudformation.sqs_queue_encryption_kms_test

import rego.v1

import data.tollgate.cloudformation.sqs_queue_encryption_kms as rule

queue(props) := {"Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": props}}}

test_sse_sqs if {
	rule.deny == {{
		"resource": "Jobs",
		"path": ["Resources", "Jobs", "Properties", "KmsMasterKeyId"],
		"message": "queue is encrypted with SSE-SQS rather than a KMS key (KmsMasterKeyId is not set)",
	}} with input as queue({"VisibilityTimeout": 60})
	count(rule.deny) == 1 with input as queue({"SqsManagedSseEnabled": true})
	count(rule.deny) == 1 with input as queue({"SqsManagedSseEnabled": {"__unknown__": true, "expr": "Ref Sse", "ref": "Sse"}})
}

# An unencrypted queue is reported once, by aws-sqs-queue-encryption.
test_unencrypted_not_reported_here if {
	count(rule.deny) == 0 with input as queue({"SqsManagedSseEnabled": false})
}

test_kms if {
	count(rule.deny) == 0 with input as queue({"KmsMasterKeyId": "alias/aws/sqs"})
	count(rule.deny) == 0 with input as queue({"KmsMasterKeyId": {"__unknown__": true, "expr": "Fn::GetAtt QueueKey.Arn", "ref": "QueueKey"}})
}
