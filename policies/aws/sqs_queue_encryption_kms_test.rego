package tollgate.aws.sqs_queue_encryption_kms_test

import rego.v1

import data.tollgate.aws.sqs_queue_encryption_kms as rule

# CloudFormation (and CDK)

queue(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": props}}}

test_cloudformation_sse_sqs if {
	rule.deny == {{
		"resource": "Jobs",
		"path": ["Resources", "Jobs", "Properties", "KmsMasterKeyId"],
		"message": "queue is encrypted with SSE-SQS rather than a KMS key (KmsMasterKeyId is not set)",
		"remediation": rule.fix.cloudformation,
	}} with input as queue({"VisibilityTimeout": 60})
	count(rule.deny) == 1 with input as queue({"SqsManagedSseEnabled": true})
	count(rule.deny) == 1 with input as queue({"SqsManagedSseEnabled": {"__unknown__": true, "expr": "Ref Sse", "ref": "Sse"}})
}

# An unencrypted queue is reported once, by aws-sqs-queue-encryption.
test_cloudformation_unencrypted_not_reported_here if {
	count(rule.deny) == 0 with input as queue({"SqsManagedSseEnabled": false})
}

test_cloudformation_kms if {
	count(rule.deny) == 0 with input as queue({"KmsMasterKeyId": "alias/aws/sqs"})
	count(rule.deny) == 0 with input as queue({"KmsMasterKeyId": {"__unknown__": true, "expr": "Fn::GetAtt QueueKey.Arn", "ref": "QueueKey"}})
}

# Terraform

doc(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_sqs_queue.main", "mode": "managed", "type": "aws_sqs_queue", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_terraform_sse_sqs_default if {
	rule.deny == {{"resource": "aws_sqs_queue.main", "path": ["resources", 0, "values", "kms_master_key_id"], "message": "queue is encrypted with SSE-SQS rather than a KMS key (kms_master_key_id is not set)", "remediation": rule.fix.terraform}} with input as doc({"name": "orders"})
	count(rule.deny) == 1 with input as doc({"sqs_managed_sse_enabled": true})
}

test_terraform_unencrypted_left_to_other_rule if {
	count(rule.deny) == 0 with input as doc({"sqs_managed_sse_enabled": false})
}

test_terraform_kms if {
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": "alias/aws/sqs"})
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": key, "kms_data_key_reuse_period_seconds": 300})
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": unknown})
}

# require_customer_managed_keys: aws-sqs-queue-encryption reports every
# queue not on a customer-managed key, so this rule reports none (one
# queue, one finding).

cmk := {"require_customer_managed_keys": true}

test_cmk_left_to_the_encryption_rule if {
	count(rule.deny) == 0 with input as queue({"VisibilityTimeout": 60}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as queue({"KmsMasterKeyId": "alias/aws/sqs"}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc({"name": "jobs"}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": "arn:aws:kms:eu-west-1:111122223333:alias/aws/sqs"}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": key}) with data.tollgate.config as cmk
}

# ... while aws-sqs-queue-encryption reports each of those queues once.
test_cmk_one_finding_per_queue if {
	count(data.tollgate.aws.sqs_queue_encryption.deny) == 1 with input as queue({"VisibilityTimeout": 60}) with data.tollgate.config as cmk
	count(data.tollgate.aws.sqs_queue_encryption.deny) == 1 with input as queue({"KmsMasterKeyId": "alias/aws/sqs"}) with data.tollgate.config as cmk
}

test_cmk_off_keeps_aws_managed_key if {
	count(rule.deny) == 0 with input as queue({"KmsMasterKeyId": "alias/aws/sqs"})
}
