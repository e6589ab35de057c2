package tollgate.dockerfile.secrets_credential_file_test

import rego.v1

import data.tollgate.dockerfile.secrets_credential_file

_doc(cmd, value) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": {}, "user": null, "instructions": [{"cmd": cmd, "flags": [], "heredocs": [], "value": value}]}]}

test_copy_key if {
	secrets_credential_file.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0],
		"message": "COPY copies credential file id_rsa into the image",
	}} with input as _doc("copy", ["id_rsa", "/root/.ssh/id_rsa"])
}

test_several_sources if {
	{f.message | some f in secrets_credential_file.deny} == {
		"ADD copies credential file .env into the image",
		"ADD copies credential file .npmrc into the image",
	} with input as _doc("add", ["package.json", ".npmrc", ".env", "/app/"])
}

test_clean_copies if {
	count(secrets_credential_file.deny) == 0 with input as _doc("copy", [".", "/app"])
	count(secrets_credential_file.deny) == 0 with input as _doc("copy", ["id_rsa.pub", ".env.example", "certs/ca.pem", "/app/"])
	count(secrets_credential_file.deny) == 0 with input as _doc("add", ["https://example.com/.env", "/app/"])
}

# The list the image rule uses: key stores are credential files; a
# .tfvars or an AWS config may hold none, which only content could tell
# (regression: both were credential files for the image scanner only).
test_list_shared_with_images if {
	{f.message | some f in secrets_credential_file.deny} == {
		"COPY copies credential file keys/release.jks into the image",
		"COPY copies credential file .cargo/credentials.toml into the image",
	} with input as _doc("copy", ["keys/release.jks", "terraform.tfvars", ".aws/config", ".cargo/credentials.toml", ".env.dist", "/app/"])
}
