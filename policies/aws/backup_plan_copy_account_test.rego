package tollgate.aws.backup_plan_copy_account_test

import rego.v1

import data.tollgate.aws.backup_plan_copy_account as rule

cfn_plan(rules) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Daily": {"Type": "AWS::Backup::BackupPlan", "Properties": {"BackupPlan": {"BackupPlanName": "daily", "BackupPlanRule": rules}}}}}

vault(account) := sprintf("arn:aws:backup:eu-west-1:%s:backup-vault:escrow", [account])

escrow := ["111122223333", "999988887777"]

test_off_without_configuration if {
	count(rule.deny) == 0 with input as cfn_plan([{"RuleName": "daily", "TargetBackupVault": "local"}])
}

test_cloudformation_no_copy if {
	rule.deny == {{
		"resource": "Daily",
		"path": ["Resources", "Daily", "Properties", "BackupPlan", "BackupPlanRule"],
		"message": "no rule copies recovery points into a vault of backup_copy_accounts (111122223333 or 999988887777)",
		"remediation": "Add to a BackupPlanRule a CopyActions entry whose DestinationBackupVaultArn is a vault in 111122223333 or 999988887777.",
	}} with input as cfn_plan([{"RuleName": "daily", "TargetBackupVault": "local"}])
		with data.tollgate.config.backup_copy_accounts as escrow
}

test_cloudformation_copy_elsewhere if {
	got := rule.deny with input as cfn_plan([
		{"RuleName": "daily", "CopyActions": [{"DestinationBackupVaultArn": vault("444455556666")}]},
		{"RuleName": "monthly", "CopyActions": [{"DestinationBackupVaultArn": "arn:aws:backup:us-east-1:444455556666:backup-vault:dr"}]},
	])
		with data.tollgate.config.backup_copy_accounts as escrow
	{f.message | some f in got} == {"backups are copied only to account 444455556666, not one of backup_copy_accounts (111122223333 or 999988887777)"}
}

test_cloudformation_escrow_or_unknown if {
	count(rule.deny) == 0 with input as cfn_plan([
		{"RuleName": "daily"},
		{"RuleName": "weekly", "CopyActions": [{"DestinationBackupVaultArn": vault("444455556666")}, {"DestinationBackupVaultArn": vault("999988887777")}]},
	])
		with data.tollgate.config.backup_copy_accounts as escrow
	count(rule.deny) == 0 with input as cfn_plan([{"RuleName": "daily", "CopyActions": [{"DestinationBackupVaultArn": {"__unknown__": true, "expr": "Ref EscrowVaultArn", "ref": "EscrowVaultArn"}}]}])
		with data.tollgate.config.backup_copy_accounts as escrow
	count(rule.deny) == 0 with input as cfn_plan([{"__unknown__": true, "expr": "If Prod"}])
		with data.tollgate.config.backup_copy_accounts as escrow
	count(rule.deny) == 0 with input as cfn_plan({"__unknown__": true, "expr": "Ref Rules", "ref": "Rules"})
		with data.tollgate.config.backup_copy_accounts as escrow
}

tf_plan(rules) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_backup_plan.daily", "mode": "managed", "type": "aws_backup_plan", "values": {"name": "daily", "rule": rules}}]}

test_terraform if {
	rule.deny == {{
		"resource": "aws_backup_plan.daily",
		"path": ["resources", 0, "values", "rule"],
		"message": "backups are copied only to account 444455556666, not one of backup_copy_accounts (111122223333 or 999988887777)",
		"remediation": "Add to a rule a copy_action block whose destination_vault_arn is a vault in 111122223333 or 999988887777.",
	}} with input as tf_plan([{"rule_name": "daily", "copy_action": [{"destination_vault_arn": vault("444455556666")}]}])
		with data.tollgate.config.backup_copy_accounts as escrow
	count(rule.deny) == 0 with input as tf_plan([{"rule_name": "daily", "copy_action": [{"destination_vault_arn": vault("111122223333")}]}])
		with data.tollgate.config.backup_copy_accounts as escrow
	count(rule.deny) == 0 with input as tf_plan([{"rule_name": "daily", "copy_action": [{"destination_vault_arn": {"__unknown__": true, "expr": "var.escrow_vault_arn"}}]}])
		with data.tollgate.config.backup_copy_accounts as escrow
}
