# METADATA
# title: No accounts with an empty password
# description: >-
#   An account whose password field in /etc/shadow (or /etc/passwd) is empty
#   needs no password: su, login or an SSH server configured to permit it
#   let anyone in as that account. Locked accounts ("!", "*") and accounts
#   with a hash are fine; tollgate reads the account databases itself and
#   puts only each account's state, never a hash, in the policy input.
# schemas:
#   - input: schema.image
# custom:
#   id: container-account-empty-password
#   severity: high
#   theme: container-hardening
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Lock the account in the Dockerfile (RUN passwd -l NAME, or usermod -L),
#     or create users without a password (useradd without -p, adduser -D on
#     Alpine), which leaves them locked.
package tollgate.image.account_empty_password

import rego.v1

deny contains f if {
	some i, account in input.accounts
	account.password == "empty"
	f := {
		"resource": input.resource,
		"path": ["accounts", i, "password"],
		"message": sprintf("Account %s (uid %d) has an empty password in %s: anyone can log in as it without one", [account.name, account.uid, account.password_from]),
	}
}
