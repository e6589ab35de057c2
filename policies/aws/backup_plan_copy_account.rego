# METADATA
# title: Backup plans copy into an escrow account
# description: >-
#   Backups kept only in the account they protect are deleted with it: by
#   an attacker holding its administrator role, by ransomware, by a closed
#   account. With backup_copy_accounts set (the ids of the accounts that
#   hold escrow copies), every AWS Backup plan needs a rule with a copy
#   action whose destination vault ARN names one of them. A destination
#   that is not a literal ARN (a parameter, a vault of the template) may be
#   such a vault and is never reported. Nothing is reported without
#   backup_copy_accounts.
# custom:
#   id: aws-backup-plan-copy-account
#   severity: medium
#   theme: backup
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Backup::BackupPlan", "aws_backup_plan"]
#   remediation: Add a CopyActions entry whose DestinationBackupVaultArn is a vault in one of backup_copy_accounts.
package tollgate.aws.backup_plan_copy_account

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": sprintf("Add to a BackupPlanRule a CopyActions entry whose DestinationBackupVaultArn is a vault in %s.", [accounts_text]),
	"terraform": sprintf("Add to a rule a copy_action block whose destination_vault_arn is a vault in %s.", [accounts_text]),
}

accounts := {a | some a in data.tollgate.config.backup_copy_accounts; is_string(a)}

accounts_text := concat(" or ", sort(accounts))

plans := view.resources({
	"cloudformation": {"type": "AWS::Backup::BackupPlan", "fields": {"rules": ["BackupPlan", "BackupPlanRule"]}},
	"terraform": {"type": "aws_backup_plan", "fields": {"rules": ["rule"]}},
})

_copy := {
	"cloudformation": {"actions": "CopyActions", "destination": "DestinationBackupVaultArn"},
	"terraform": {"actions": "copy_action", "destination": "destination_vault_arn"},
}

deny contains f if {
	count(accounts) > 0
	some p in plans
	rules := view.value(p, "rules")
	is_array(rules)
	not _may_copy_to_escrow(p, rules)
	fld := view.field_of(p, "rules")
	wrong := _wrong_destinations(p, rules)
	f := view.field_finding(p, fld, message(wrong), fix)
}

message(wrong) := sprintf("no rule copies recovery points into a vault of backup_copy_accounts (%s)", [accounts_text]) if {
	count(wrong) == 0
} else := sprintf("backups are copied only to account %s, not one of backup_copy_accounts (%s)", [concat(", ", sort(wrong)), accounts_text])

# _may_copy_to_escrow holds when some rule copies, or may copy, into an
# escrow account: a rule, its copy actions or a destination that is
# unknown may.
_may_copy_to_escrow(p, rules) if {
	some r in rules
	core.is_unknown(r)
}

_may_copy_to_escrow(p, rules) if {
	some r in rules
	is_object(r)
	core.is_unknown(object.get(r, _copy[p.family].actions, null))
}

_may_copy_to_escrow(p, rules) if {
	some a in _actions(p, rules)
	dest := object.get(a, _copy[p.family].destination, null)
	not _account(dest)
}

_may_copy_to_escrow(p, rules) if {
	some a in _actions(p, rules)
	_account(object.get(a, _copy[p.family].destination, null)) in accounts
}

_actions(p, rules) := [a |
	some r in rules
	is_object(r)
	actions := object.get(r, _copy[p.family].actions, [])
	is_array(actions)
	some a in actions
]

_wrong_destinations(p, rules) := {account |
	some a in _actions(p, rules)
	account := _account(object.get(a, _copy[p.family].destination, null))
}

# _account is the account id of a literal backup vault ARN
# (arn:PARTITION:backup:REGION:ACCOUNT:backup-vault:NAME); undefined for
# anything else, which may name any vault.
_account(arn) := parts[4] if {
	is_string(arn)
	parts := split(arn, ":")
	count(parts) >= 7
	parts[0] == "arn"
	parts[2] == "backup"
	regex.match(`^[0-9]{12}$`, parts[4])
}
