package tollgate.aws.sqs_queue_encryption_test

import rego.v1

import data.tollgate.aws.sqs_queue_encryption as rule

# CloudFormation (and CDK)

queue(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Jobs": {"Type": "AWS::SQS::Queue", "Properties": props}}}

test_cloudformation_sse_disabled if {
	rule.deny == {{
		"resource": "Jobs",
		"path": ["Resources", "Jobs", "Properties", "SqsManagedSseEnabled"],
		"message": "queue stores messages unencrypted (SqsManagedSseEnabled is false and KmsMasterKeyId is not set)",
		"remediation": rule.fix.cloudformation,
	}} with input as queue({"SqsManagedSseEnabled": false})
	count(rule.deny) == 1 with input as queue({"SqsManagedSseEnabled": "false"})
}

# SSE-SQS (the default) is encryption; it is the KMS rule's concern.
test_cloudformation_default_sse_sqs if {
	count(rule.deny) == 0 with input as queue({})
	count(rule.deny) == 0 with input as queue({"SqsManagedSseEnabled": true})
}

test_cloudformation_kms_or_unknown if {
	count(rule.deny) == 0 with input as queue({"KmsMasterKeyId": "alias/aws/sqs", "SqsManagedSseEnabled": false})
	count(rule.deny) == 0 with input as queue({"SqsManagedSseEnabled": {"__unknown__": true, "expr": "Ref Sse", "ref": "Sse"}})
}

# Terraform

doc(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_sqs_queue.main", "mode": "managed", "type": "aws_sqs_queue", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_terraform_sse_disabled_without_key if {
	rule.deny == {{"resource": "aws_sqs_queue.main", "path": ["resources", 0, "values", "sqs_managed_sse_enabled"], "message": "queue stores messages unencrypted (sqs_managed_sse_enabled is false and kms_master_key_id is not set)", "remediation": rule.fix.terraform}} with input as doc({"sqs_managed_sse_enabled": false})
	count(rule.deny) == 1 with input as doc({"sqs_managed_sse_enabled": "false", "kms_master_key_id": null})
}

test_terraform_default_is_sse_sqs if {
	count(rule.deny) == 0 with input as doc({"name": "orders"})
	count(rule.deny) == 0 with input as doc({"sqs_managed_sse_enabled": null})
}

test_terraform_kms_or_unknown if {
	count(rule.deny) == 0 with input as doc({"sqs_managed_sse_enabled": false, "kms_master_key_id": key})
	count(rule.deny) == 0 with input as doc({"sqs_managed_sse_enabled": unknown})
}

# require_customer_managed_keys

cmk := {"require_customer_managed_keys": true}

test_cmk_missing_or_aws_managed_key if {
	rule.deny == {{
		"resource": "Jobs",
		"path": ["Resources", "Jobs", "Properties", "KmsMasterKeyId"],
		"message": "queue is encrypted with the AWS-owned SSE-SQS key, not a customer-managed key (KmsMasterKeyId is not set)",
		"remediation": rule.key_fix.cloudformation,
	}} with input as queue({"DelaySeconds": 0}) with data.tollgate.config as cmk
	rule.deny == {{
		"resource": "aws_sqs_queue.main",
		"path": ["resources", 0, "values", "kms_master_key_id"],
		"message": "queue is encrypted with the AWS-managed key aws/sqs, not a customer-managed key (kms_master_key_id names an AWS-managed key)",
		"remediation": rule.key_fix.terraform,
	}} with input as doc({"name": "jobs", "kms_master_key_id": "alias/aws/sqs"}) with data.tollgate.config as cmk
}

test_cmk_customer_or_unknown_key if {
	count(rule.deny) == 0 with input as queue({"DelaySeconds": 0, "KmsMasterKeyId": {"__unknown__": true, "expr": "GetAtt Key.Arn", "ref": "Key"}}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as queue({"DelaySeconds": 0, "KmsMasterKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc({"name": "jobs", "kms_master_key_id": {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}}) with data.tollgate.config as cmk
}

test_cmk_off_keeps_aws_managed_key if {
	count(rule.deny) == 0 with input as queue({"DelaySeconds": 0})
	count(rule.deny) == 0 with input as doc({"name": "jobs", "kms_master_key_id": "alias/aws/sqs"}) with data.tollgate.config as {"require_customer_managed_keys": false}
}
