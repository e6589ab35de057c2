package tollgate.aws.backup_vault_kms_test

import rego.v1

import data.tollgate.aws.backup_vault_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::Backup::BackupVault", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_backup_vault", "address": "aws_backup_vault.r", "values": values}]}

test_cloudformation_reported if {
	fs := backup_vault_kms.deny with input as cfn({}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "EncryptionKeyArn"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(backup_vault_kms.deny) == 0 with input as cfn({"EncryptionKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}) with data.tollgate.config.require_customer_managed_keys as true
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := backup_vault_kms.deny with input as tf(format, {"kms_key_arn": null}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "kms_key_arn"]
	f.resource == "aws_backup_vault.r"
}

test_terraform_passes if {
	count(backup_vault_kms.deny) == 0 with input as tf("terraform", {"kms_key_arn": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

test_unknown_is_set if {
	count(backup_vault_kms.deny) == 0 with input as cfn({"EncryptionKeyArn": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

# The service always encrypts: without require_customer_managed_keys there
# is nothing to report.
test_aws_key_accepted_by_default if {
	count(backup_vault_kms.deny) == 0 with input as cfn({})
	count(backup_vault_kms.deny) == 0 with input as tf("terraform", {"kms_key_arn": null})
}
