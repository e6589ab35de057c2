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

# Key stores of every kind the list names are findings by their presence;
# a trust store is not a credential (regression: .jks was listed by the
# scanner's old Go list, but no rule knew it).
test_key_stores_and_trust_stores if {
	{f.message | some f in secrets_credential_file.deny} == {
		"Credential file /app/release.jks (layer 1) is in the image",
		"Credential file /root/.config/gcloud/credentials.db (layer 1) is in the image",
	} with input as _doc([
		{"path": "/app/release.jks", "type": "file", "layer": 1, "content": "/u3+7QAAAAI=", "content_encoding": "base64"},
		{"path": "/app/truststore.jks", "type": "file", "layer": 1, "content": "/u3+7QAAAAI=", "content_encoding": "base64"},
		{"path": "/root/.config/gcloud/credentials.db", "type": "file", "layer": 1, "size": 90000},
	])
}

# Where the name does not say credential, only the content can decide.
test_content_decides if {
	{f.message | some f in secrets_credential_file.deny} == {"db_password in a Terraform variables file in /infra/prod.tfvars (layer 2)"} with input as _doc([
		{"path": "/infra/prod.tfvars", "type": "file", "layer": 2, "content": "db_password = \"Sup3r-s3cret!\"\n"},
		{"path": "/infra/dev.tfvars", "type": "file", "layer": 2, "content": "region = \"eu-west-1\"\n"},
		{"path": "/infra/huge.tfvars", "type": "file", "layer": 2, "size": 70000},
		{"path": "/root/.aws/config", "type": "file", "layer": 2, "content": "[default]\nregion = eu-west-1\n"},
	])
}

# A file whose name says credential but that is too large to read is
# reported by its presence, as a COPY of it is.
test_unread_credential_name if {
	{f.message | some f in secrets_credential_file.deny} == {"Credential file /app/.env (layer 1) is in the image"} with input as _doc([
		{"path": "/app/.env", "type": "file", "layer": 1, "size": 70000},
		{"path": "/app/.env.dist", "type": "file", "layer": 1, "size": 70000},
	])
}
