package tollgate.image.secrets_credential_file_test

import rego.v1

import data.tollgate.image.secrets_credential_file

_doc(files) := {"resource": "app:1", "config": {}, "files": files}

test_npmrc_token if {
	secrets_credential_file.deny == {{
		"resource": "app:1",
		"path": ["files", 0],
		"message": "npm token in /root/.npmrc (layer 2)",
		"secret": "npm_secretvalue",
	}} with input as _doc([{"path": "/root/.npmrc", "type": "file", "layer": 2, "content": "//registry.npmjs.org/:_authToken=npm_secretvalue\n"}])
}

test_private_key_and_keystores if {
	key := "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----"
	{f.message | some f in secrets_credential_file.deny} == {
		"private key in /root/.ssh/id_ed25519 (layer 1)",
		"Credential file /app/keystore.p12 (layer 3) is in the image",
	} with input as _doc([
		{"path": "/root/.ssh/id_ed25519", "type": "file", "layer": 1, "content": concat("", [key, "\n"])},
		{"path": "/app/keystore.p12", "type": "file", "layer": 3, "content": "MIIK", "content_encoding": "base64"},
	])
}

test_harmless_credential_named_files if {
	count(secrets_credential_file.deny) == 0 with input as _doc([
		{"path": "/root/.npmrc", "type": "file", "layer": 1, "content": "registry=https://npm.example.com/\n"},
		{"path": "/etc/ssl/certs/ca-cert.pem", "type": "file", "layer": 0, "content": "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n"},
		{"path": "/root/.docker/config.json", "type": "file", "layer": 1, "content": `{"credHelpers":{"123.dkr.ecr.us-east-1.amazonaws.com":"ecr-login"}}`},
		{"path": "/root/.ssh", "type": "dir", "layer": 1},
		{"path": "/app/.env", "type": "file", "layer": 1, "content": "PORT=8080\n"},
	])
}
