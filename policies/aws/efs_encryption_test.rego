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
