package tollgate.dockerfile.secrets_environment_test

import rego.v1

import data.tollgate.dockerfile.secrets_environment

_doc(ins, args) := {"final_stage": 0, "args": args, "stages": [{"index": 0, "resource": "app", "from": {}, "user": null, "instructions": [object.union({"flags": [], "heredocs": []}, ins)]}]}

test_env_literal if {
	secrets_environment.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0],
		"message": "ENV DB_PASSWORD has a literal credential value",
		"secret": "s3cr3t-Pa55",
	}} with input as _doc({"cmd": "env", "pairs": [{"key": "APP_ENV", "value": "prod"}, {"key": "DB_PASSWORD", "value": "s3cr3t-Pa55"}]}, {})
}

test_arg_default if {
	some f in secrets_environment.deny with input as _doc({"cmd": "arg", "pairs": [{"key": "NPM_TOKEN", "value": "abc123def456"}]}, {})
	f.message == "ARG NPM_TOKEN has a literal credential value"
}

test_arg_without_default_and_references if {
	count(secrets_environment.deny) == 0 with input as _doc({"cmd": "arg", "pairs": [{"key": "NPM_TOKEN", "value": null}]}, {})
	count(secrets_environment.deny) == 0 with input as _doc({"cmd": "env", "pairs": [{"key": "NPM_TOKEN", "value": "${NPM_TOKEN}"}, {"key": "API_KEY", "value": "$API_KEY"}]}, {})
	count(secrets_environment.deny) == 0 with input as _doc({"cmd": "env", "pairs": [{"key": "PASSWORD_FILE", "value": "/run/secrets/db"}]}, {})
}

test_global_arg if {
	secrets_environment.deny == {{
		"resource": "app",
		"path": ["args", "GITHUB_TOKEN"],
		"message": "ARG GITHUB_TOKEN has a literal credential value",
		"secret": "tok-123456",
	}} with input as _doc({"cmd": "run", "value": ["true"]}, {"GITHUB_TOKEN": "tok-123456", "GO_VERSION": "1.22"})
	count(secrets_environment.deny) == 0 with input as _doc({"cmd": "run", "value": ["true"]}, {"GITHUB_TOKEN": {"__unknown__": true, "expr": "ARG GITHUB_TOKEN"}})
}
