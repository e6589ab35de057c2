package tollgate.dockerfile.secrets_known_pattern_test

import rego.v1

import data.tollgate.dockerfile.secrets_known_pattern

_doc(ins, args) := {"final_stage": 0, "args": args, "stages": [{"index": 0, "resource": "app", "from": {}, "user": null, "instructions": [object.union({"flags": [], "heredocs": [], "value": []}, ins)]}]}

test_token_in_run if {
	tok := concat("", ["ghp_", "R8zLq2Wm9Xv4Tn6Yb3Kc7Pd1Hs5Jg0Fa2Ue8"])
	secrets_known_pattern.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0],
		"message": "credential (github-pat) found in RUN instruction",
		"secret": tok,
	}} with input as _doc({"cmd": "run", "original": sprintf("RUN git clone https://%s@github.com/org/repo", [tok])}, {})
}

test_key_in_heredoc if {
	some f in secrets_known_pattern.deny with input as _doc({"cmd": "run", "original": "RUN <<EOF", "heredocs": [{"name": "EOF", "content": "export AWS_ACCESS_KEY_ID=AKIAZ3MSJV4WWNKWW5FG\n"}]}, {})
	f.message == "credential (aws-access-token) found in RUN instruction"
	f.secret == "AKIAZ3MSJV4WWNKWW5FG"
}

test_global_arg if {
	some f in secrets_known_pattern.deny with input as _doc({"cmd": "run", "original": "RUN true"}, {"KEY": "AKIAZ3MSJV4WWNKWW5FG"})
	f.path == ["args", "KEY"]
}

test_documentation_example_and_clean if {
	count(secrets_known_pattern.deny) == 0 with input as _doc({"cmd": "env", "original": "ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"}, {})
	count(secrets_known_pattern.deny) == 0 with input as _doc({"cmd": "run", "original": "RUN make"}, {"X": {"__unknown__": true}})
}

test_database_url_in_env_and_placeholder if {
	found := secrets_known_pattern.deny with input as _doc({"cmd": "env", "original": "ENV DATABASE_URL=mongodb+srv://admin:Zq8-Wm2Xv4Tn@cluster0.example.net/app"}, {"PLACEHOLDER": "postgres://app:$DB_PASSWORD@db/app"})
	{f.secret | some f in found} == {"Zq8-Wm2Xv4Tn"}
}
