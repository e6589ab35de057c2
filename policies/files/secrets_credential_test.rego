package tollgate.files.secrets_credential_test

import rego.v1

import data.tollgate.files.secrets_credential

_match(rule) := {
	"id": sprintf("%s#1", [rule]), "rule": rule, "description": "d",
	"line": 3, "column": 5, "secret": "s3cr3t-value", "entropy": 4.1,
}

test_reports_each_match if {
	fs := secrets_credential.deny with input as {
		"file": ".env", "template": false,
		"matches": [_match("aws-access-token"), _match("generic-api-key")],
	}
	count(fs) == 2
	some f in fs
	f.resource == "aws-access-token#1"
	f.path == ["matches", 0]
	f.secret == "s3cr3t-value"
	not contains(f.message, "s3cr3t-value")
}

test_no_matches_no_findings if {
	count(secrets_credential.deny) == 0 with input as {"file": "a.txt", "template": false, "matches": []}
}

test_template_keeps_issued_formats if {
	fs := secrets_credential.deny with input as {
		"file": ".env.example", "template": true,
		"matches": [_match("github-pat"), _match("generic-api-key"), _match("database-url-password")],
	}
	count(fs) == 1
	some f in fs
	f.resource == "github-pat#1"
}

test_names_the_commit if {
	fs := secrets_credential.deny with input as {
		"file": ".env", "template": false, "matches": [_match("aws-access-token")],
		"commit": {"sha": "0123456789abcdef0123456789abcdef01234567", "short": "0123456789ab", "subject": "add env"},
	}
	some f in fs
	contains(f.message, "added by commit 0123456789ab (add env)")
}
