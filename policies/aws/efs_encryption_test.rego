package tollgate.aws.efs_encryption_test

import rego.v1

import data.tollgate.aws.efs_encryption as rule

# CloudFormation (and CDK)

fs(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Shared": {"Type": "AWS::EFS::FileSystem", "Properties": props}}}

test_cloudformation_unencrypted if {
	rule.deny == {{
		"resource": "Shared",
		"path": ["Resources", "Shared", "Properties", "Encrypted"],
		"message": "file system is not encrypted at rest (Encrypted is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as fs({"PerformanceMode": "generalPurpose"})
	count(rule.deny) == 1 with input as fs({"Encrypted": "false"})
}

test_cloudformation_encrypted_or_unknown if {
	count(rule.deny) == 0 with input as fs({"Encrypted": true})
	count(rule.deny) == 0 with input as fs({"Encrypted": {"__unknown__": true, "expr": "Ref Encrypt", "ref": "Encrypt"}})
}

# Terraform

doc(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_efs_file_system.main", "mode": "managed", "type": "aws_efs_file_system", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_terraform_missing if {
	rule.deny == {{"resource": "aws_efs_file_system.main", "path": ["resources", 0, "values", "encrypted"], "message": "file system is not encrypted at rest (encrypted is not true)", "remediation": rule.fix.terraform}} with input as doc({"creation_token": "shared"})
}

test_terraform_false_and_plan_null if {
	count(rule.deny) == 1 with input as doc({"encrypted": false})
	count(rule.deny) == 1 with input as doc({"encrypted": null})
}

test_terraform_encrypted_or_unknown if {
	count(rule.deny) == 0 with input as doc({"encrypted": true, "kms_key_id": key})
	count(rule.deny) == 0 with input as doc({"encrypted": unknown})
}

# require_customer_managed_keys

cmk := {"require_customer_managed_keys": true}

test_cmk_missing_or_aws_managed_key if {
	rule.deny == {{
		"resource": "Shared",
		"path": ["Resources", "Shared", "Properties", "KmsKeyId"],
		"message": "file system is encrypted with the AWS-managed key aws/elasticfilesystem, not a customer-managed key (KmsKeyId is not set)",
		"remediation": rule.key_fix.cloudformation,
	}} with input as fs({"Encrypted": true}) with data.tollgate.config as cmk
	rule.deny == {{
		"resource": "aws_efs_file_system.main",
		"path": ["resources", 0, "values", "kms_key_id"],
		"message": "file system is encrypted with the AWS-managed key aws/elasticfilesystem, not a customer-managed key (kms_key_id names an AWS-managed key)",
		"remediation": rule.key_fix.terraform,
	}} with input as doc({"encrypted": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:alias/aws/elasticfilesystem"}) with data.tollgate.config as cmk
}

test_cmk_customer_or_unknown_key if {
	count(rule.deny) == 0 with input as fs({"Encrypted": true, "KmsKeyId": {"__unknown__": true, "expr": "GetAtt Key.Arn", "ref": "Key"}}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as fs({"Encrypted": true, "KmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc({"encrypted": true, "kms_key_id": key}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc({"encrypted": true, "kms_key_id": unknown}) with data.tollgate.config as cmk
}

test_cmk_off_keeps_aws_managed_key if {
	count(rule.deny) == 0 with input as fs({"Encrypted": true, "KmsKeyId": "alias/aws/elasticfilesystem"})
	count(rule.deny) == 0 with input as doc({"encrypted": true}) with data.tollgate.config as {"require_customer_managed_keys": false}
}

test_cmk_unencrypted_reported_once if {
	rule.deny == {{"resource": "aws_efs_file_system.main", "path": ["resources", 0, "values", "encrypted"], "message": "file system is not encrypted at rest (encrypted is not true)", "remediation": rule.fix.terraform}} with input as doc({"encrypted": false}) with data.tollgate.config as cmk
}
