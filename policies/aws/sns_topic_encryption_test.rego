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
