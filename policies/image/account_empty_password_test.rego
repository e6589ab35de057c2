package tollgate.image.account_empty_password_test

import rego.v1

import data.tollgate.image.account_empty_password

_account(name, uid, password, from) := {"name": name, "uid": uid, "gid": uid, "home": "/", "shell": "/bin/sh", "password": password, "password_from": from, "line": 1}

test_empty_password if {
	account_empty_password.deny == {
		{
			"resource": "app:1",
			"path": ["accounts", 1, "password"],
			"message": "Account guest (uid 1001) has an empty password in /etc/shadow: anyone can log in as it without one",
		},
		{
			"resource": "app:1",
			"path": ["accounts", 2, "password"],
			"message": "Account old (uid 1002) has an empty password in /etc/passwd: anyone can log in as it without one",
		},
	} with input as {"resource": "app:1", "accounts": [
		_account("root", 0, "locked", "/etc/shadow"),
		_account("guest", 1001, "empty", "/etc/shadow"),
		_account("old", 1002, "empty", "/etc/passwd"),
	]}
}

test_locked_set_unknown if {
	count(account_empty_password.deny) == 0 with input as {"resource": "app:1", "accounts": [
		_account("root", 0, "locked", "/etc/shadow"),
		_account("app", 10001, "set", "/etc/shadow"),
		_account("ghost", 42, "unknown", ""),
	]}
	count(account_empty_password.deny) == 0 with input as {"resource": "app:1", "accounts": []}
}
