package tollgate.image.secrets_known_pattern_test

import rego.v1

import data.tollgate.image.secrets_known_pattern

_doc(config, history, files) := {"resource": "app:1", "config": config, "history": history, "files": files}

test_history_and_env if {
	secrets_known_pattern.deny == {
		{
			"resource": "app:1",
			"path": ["history", 0, "created_by"],
			"message": "credential (aws-access-token) found in the image history",
			"secret": "AKIAZ3MSJV4WWNKWW5FG",
		},
		{
			"resource": "app:1",
			"path": ["config", "labels", "deploy"],
			"message": "credential (stripe-access-token) found in the image config labels",
			"secret": "sk_live_0123456789abcdefghijKLMN",
		},
	} with input as _doc(
		{"env": [], "env_map": {}, "labels": {"deploy": "sk_live_0123456789abcdefghijKLMN"}},
		[{"created_by": "RUN /bin/sh -c aws configure set aws_access_key_id AKIAZ3MSJV4WWNKWW5FG"}],
		[],
	)
}

test_file_content_not_double_reported if {
	files := [
		{"path": "/app/config.yml", "type": "file", "layer": 1, "content": "slack: xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx\n"},
		{"path": "/root/.npmrc", "type": "file", "layer": 1, "content": "//r/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n"},
	]
	{f.path | some f in secrets_known_pattern.deny} == {["files", 0]} with input as _doc({"env": []}, [], files)
}

test_clean if {
	count(secrets_known_pattern.deny) == 0 with input as _doc({"env": ["PATH=/usr/bin"], "env_map": {"PATH": "/usr/bin"}}, [{"created_by": "RUN make"}], [])
}

test_database_url_in_layer_file if {
	files := [{"path": "/app/settings.py", "type": "file", "layer": 2, "content": "DATABASES_URL = 'postgres://app:Zq8-Wm2Xv4Tn@db/app'\n"}]
	some f in secrets_known_pattern.deny with input as _doc({"env": []}, [], files)
	f.path == ["files", 0]
	f.secret == "Zq8-Wm2Xv4Tn"
	f.message == "credential (database-url-password) found in /app/settings.py (layer 2)"
}
