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
	some uid in {a.uid | some a in input.accounts}

	# The comprehension compares with uid, bound outside it, so OPA
	# indexes it: linear in the number of accounts, not quadratic.
	idxs := [j | some j, b in input.accounts; b.uid == uid]
	names := {input.accounts[j].name | some j in idxs}
	count(names) > 1
	first := min(idxs)

	# The other entries are related places: each points at its own line
	# of /etc/passwd in the report.
	others := [{"path": ["accounts", j, "uid"], "message": sprintf("%s has uid %d too", [input.accounts[j].name, uid])} |
		some j in idxs
		j != first
	]
	f := {
		"resource": input.resource,
		"path": ["accounts", first, "uid"],
		"message": sprintf("uid %d is shared by accounts %s in /etc/passwd", [uid, concat(", ", sort(names))]),
		"related": others,
	}
}
