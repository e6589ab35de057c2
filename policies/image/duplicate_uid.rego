# METADATA
# title: No two accounts share a uid
# description: >-
#   The kernel knows users by uid only: two names with one uid in
#   /etc/passwd are the same user with two logins, so a second name for
#   uid 0 is a hidden root account, and file ownership, audit logs and
#   process listings name whichever entry comes first.
# schemas:
#   - input: schema.image
# custom:
#   id: container-duplicate-uid
#   severity: medium
#   theme: container-hardening
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Give each account its own uid (useradd picks a free one; with
#     useradd -o -u, drop -o) or delete the extra entry from /etc/passwd.
package tollgate.image.duplicate_uid

import rego.v1

deny contains f if {
	some i, account in input.accounts
	not _earlier(i, account.uid)
	names := {a.name | some a in input.accounts; a.uid == account.uid}
	count(names) > 1
	f := {
		"resource": input.resource,
		"path": ["accounts", i, "uid"],
		"message": sprintf("uid %d is shared by accounts %s in /etc/passwd", [account.uid, concat(", ", sort(names))]),
	}
}

# _earlier holds when an account before index i has the same uid: each
# shared uid is reported once, at its first account.
_earlier(i, uid) if {
	some j, a in input.accounts
	j < i
	a.uid == uid
}
