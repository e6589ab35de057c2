package tollgate.aws.cloudtrail_trail_encryption_kms_test

import rego.v1

import data.tollgate.aws.cloudtrail_trail_encryption_kms as rule

# CloudFormation (and CDK)

trail(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Audit": {"Type": "AWS::CloudTrail::Trail", "Properties": props}}}

test_cloudformation_missing if {
	rule.deny == {{
		"resource": "Audit",
		"path": ["Resources", "Audit", "Properties", "KMSKeyId"],
		"message": "trail log files are not encrypted with KMS (KMSKeyId is not set)",
		"remediation": rule.fix.cloudformation,
	}} with input as trail({"IsLogging": true, "S3BucketName": "audit-logs"})
}

test_cloudformation_set_or_unknown if {
	count(rule.deny) == 0 with input as trail({"KMSKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
	count(rule.deny) == 0 with input as trail({"KMSKeyId": {"__unknown__": true, "expr": "Ref TrailKey", "ref": "TrailKey"}})
}

# Terraform

doc(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_cloudtrail.main", "mode": "managed", "type": "aws_cloudtrail", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_terraform_missing if {
	rule.deny == {{"resource": "aws_cloudtrail.main", "path": ["resources", 0, "values", "kms_key_id"], "message": "trail log files are not encrypted with KMS (kms_key_id is not set)", "remediation": rule.fix.terraform}} with input as doc({"name": "org", "s3_bucket_name": "acme-trail"})
	count(rule.deny) == 1 with input as doc({"kms_key_id": null})
}

test_terraform_key if {
	count(rule.deny) == 0 with input as doc({"kms_key_id": key})
	count(rule.deny) == 0 with input as doc({"kms_key_id": unknown})
}

# require_customer_managed_keys

cmk := {"require_customer_managed_keys": true}

test_cmk_aws_managed_key if {
	rule.deny == {{
		"resource": "Audit",
		"path": ["Resources", "Audit", "Properties", "KMSKeyId"],
		"message": "trail is encrypted with an AWS-managed key, not a customer-managed key (KMSKeyId names an AWS-managed key)",
		"remediation": rule.key_fix.cloudformation,
	}} with input as trail({"IsLogging": true, "KMSKeyId": "alias/aws/cloudtrail"}) with data.tollgate.config as cmk
	count(rule.deny) == 1 with input as doc({"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:alias/aws/cloudtrail"}) with data.tollgate.config as cmk
}

test_cmk_customer_or_unknown_key if {
	count(rule.deny) == 0 with input as trail({"IsLogging": true, "KMSKeyId": {"__unknown__": true, "expr": "GetAtt Key.Arn", "ref": "Key"}}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as trail({"IsLogging": true, "KMSKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc({"kms_key_id": {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}}) with data.tollgate.config as cmk
}

test_cmk_off_keeps_aws_managed_key if {
	count(rule.deny) == 0 with input as trail({"IsLogging": true, "KMSKeyId": "alias/aws/cloudtrail"})
}
