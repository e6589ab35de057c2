package tollgate.aws.sns_topic_encryption_test

import rego.v1

import data.tollgate.aws.sns_topic_encryption as rule

# CloudFormation (and CDK)

topic(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Alerts": {"Type": "AWS::SNS::Topic", "Properties": props}}}

test_cloudformation_unencrypted if {
	rule.deny == {{
		"resource": "Alerts",
		"path": ["Resources", "Alerts", "Properties", "KmsMasterKeyId"],
		"message": "topic is not encrypted at rest (KmsMasterKeyId is not set)",
		"remediation": rule.fix.cloudformation,
	}} with input as topic({"TopicName": "alerts"})
	count(rule.deny) == 1 with input as topic({"KmsMasterKeyId": ""})
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Alerts": {"Type": "AWS::SNS::Topic"}}}
}

test_cloudformation_encrypted_or_unknown if {
	count(rule.deny) == 0 with input as topic({"KmsMasterKeyId": "alias/aws/sns"})
	count(rule.deny) == 0 with input as topic({"KmsMasterKeyId": {"__unknown__": true, "expr": "Ref TopicKey", "ref": "TopicKey"}})
}

# Terraform

doc(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_sns_topic.main", "mode": "managed", "type": "aws_sns_topic", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_terraform_missing if {
	rule.deny == {{"resource": "aws_sns_topic.main", "path": ["resources", 0, "values", "kms_master_key_id"], "message": "topic is not encrypted at rest (kms_master_key_id is not set)", "remediation": rule.fix.terraform}} with input as doc({"name": "alerts"})
	count(rule.deny) == 1 with input as doc({"kms_master_key_id": ""})
	count(rule.deny) == 1 with input as doc({"kms_master_key_id": null})
}

test_terraform_any_key if {
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": "alias/aws/sns"})
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": key})
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": unknown})
}

# require_customer_managed_keys

cmk := {"require_customer_managed_keys": true}

test_cmk_aws_managed_key if {
	rule.deny == {{
		"resource": "Alerts",
		"path": ["Resources", "Alerts", "Properties", "KmsMasterKeyId"],
		"message": "topic is encrypted with the AWS-managed key aws/sns, not a customer-managed key (KmsMasterKeyId names an AWS-managed key)",
		"remediation": rule.key_fix.cloudformation,
	}} with input as topic({"KmsMasterKeyId": "alias/aws/sns"}) with data.tollgate.config as cmk
	count(rule.deny) == 1 with input as doc({"kms_master_key_id": "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns"}) with data.tollgate.config as cmk
}

test_cmk_customer_or_unknown_key if {
	count(rule.deny) == 0 with input as topic({"KmsMasterKeyId": {"__unknown__": true, "expr": "GetAtt Key.Arn", "ref": "Key"}}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as topic({"KmsMasterKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc({"kms_master_key_id": {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}}) with data.tollgate.config as cmk
}

test_cmk_off_keeps_aws_managed_key if {
	count(rule.deny) == 0 with input as topic({"KmsMasterKeyId": "alias/aws/sns"})
}
