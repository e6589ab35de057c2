package tollgate.image.duplicate_uid_test

import rego.v1

import data.tollgate.image.duplicate_uid

_account(name, uid) := {"name": name, "uid": uid, "gid": uid, "home": "/", "shell": "/bin/sh", "password": "locked", "password_from": "/etc/shadow", "line": 1}

test_shared_uid if {
	duplicate_uid.deny == {
		{
			"resource": "app:1",
			"path": ["accounts", 0, "uid"],
			"message": "uid 0 is shared by accounts root, toor in /etc/passwd",
			"related": [{"path": ["accounts", 1, "uid"], "message": "toor has uid 0 too"}],
		},
		{
			"resource": "app:1",
			"path": ["accounts", 2, "uid"],
			"message": "uid 1000 is shared by accounts app, deploy, svc in /etc/passwd",
			"related": [
				{"path": ["accounts", 3, "uid"], "message": "app has uid 1000 too"},
				{"path": ["accounts", 5, "uid"], "message": "deploy has uid 1000 too"},
			],
		},
	} with input as {"resource": "app:1", "accounts": [
		_account("root", 0),
		_account("toor", 0),
		_account("svc", 1000),
		_account("app", 1000),
		_account("nobody", 65534),
		_account("deploy", 1000),
	]}
}

# A name listed twice is one account, not two sharing a uid.
test_unique_uids if {
	count(duplicate_uid.deny) == 0 with input as {"resource": "app:1", "accounts": [
		_account("root", 0),
		_account("app", 10001),
		_account("app", 10001),
	]}
}

# 20,000 accounts (a 1 MiB passwd holds about that many): a quadratic rule
# exceeds the test's evaluation deadline here.
test_many_accounts if {
	accounts := [{"name": sprintf("u%d", [i]), "uid": i % 15000} | some i in numbers.range(0, 19999)]
	count(duplicate_uid.deny) == 5000 with input as {"resource": "app:1", "accounts": accounts}
}
