package tollgate.cloudformation.sqs_queue_encryption_test

import rego.v1

import data.tollgate.cloudformation.sqs_queue_encryption as rule

queue(props) := {"Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": props}}}

test_sse_disabled if {
	rule.deny == {{
		"resource": "Jobs",
		"path": ["Resources", "Jobs", "Properties", "SqsManagedSseEnabled"],
		"message": "queue stores messages unencrypted (SqsManagedSseEnabled is false and KmsMasterKeyId is not set)",
	}} with input as queue({"SqsManagedSseEnabled": false})
	count(rule.deny) == 1 with input as queue({"SqsManagedSseEnabled": "false"})
}

# SSE-SQS (the default) is encryption; it is the KMS rule's concern.
test_default_sse_sqs if {
	count(rule.deny) == 0 with input as queue({})
	count(rule.deny) == 0 with input as queue({"SqsManagedSseEnabled": true})
}

test_kms_or_unknown if {
	count(rule.deny) == 0 with input as queue({"KmsMasterKeyId": "alias/aws/sqs", "SqsManagedSseEnabled": false})
	count(rule.deny) == 0 with input as queue({"SqsManagedSseEnabled": {"__unknown__": true, "expr": "Ref Sse", "ref": "Sse"}})
}
