package tollgate.lib.credential_files_test

import rego.v1

import data.tollgate.lib.credential_files

# The list is data other code reads (the image scanner compiles its
# patterns with Go's regexp): every entry must be well formed.
test_entries_are_well_formed if {
	every e in credential_files.patterns {
		regex.is_valid(e.path)
		regex.is_valid(object.get(e, "except", ""))
		e.presence in {"finding", "unchecked", "none"}
		_secret_well_formed(object.get(e, "secret", {"assignments": "-"}))
	}
}

_secret_well_formed(s) if {
	regex.is_valid(s.regex)
	is_string(s.kind)
	is_number(s.group)
}

_secret_well_formed(s) if is_string(s.assignments)

test_named if {
	every p in [
		"/root/.ssh/id_rsa", "/home/app/.ssh/id_ed25519_sk", "/app/tls.key", "/app/certs/server-key.pem",
		"/app/privkey.pem", "/app/keystore.p12", "/app/release.keystore", "/app/server.jks",
		"/app/.env", "/app/.env.production", "/root/.npmrc", "/root/.aws/credentials", "/root/.aws/config",
		"/root/.docker/config.json", "/root/.kube/config", "/srv/credentials", "/app/config/secrets.yml",
		"/root/.config/gcloud/application_default_credentials.json", "/root/.config/gcloud/credentials.db",
		"/root/.azure/msal_token_cache.json", "/root/.cargo/credentials.toml", "/root/.gem/credentials",
		"/root/.composer/auth.json", "/root/.terraform.d/credentials.tfrc.json", "/root/.terraformrc",
		"/root/.config/gh/hosts.yml", "/root/.yarnrc.yml", "/root/.m2/settings.xml",
		"/root/.gradle/gradle.properties", "/infra/prod.tfvars", "/infra/x.auto.tfvars",
	] {
		count(credential_files.entries(p)) > 0
	}
}

test_not_named if {
	every p in [
		"/root/.ssh/id_rsa.pub", "/root/.ssh/config", "/root/.ssh/known_hosts", "/etc/ssl/certs/ca.pem",
		"/app/certs/fullchain.pem", "/app/public-key.pem", "/app/pubkey.pem", "/app/truststore.jks",
		"/app/cacerts.p12", "/app/.env.example", "/app/.env.dist", "/app/.env.defaults", "/app/.environment",
		"/app/credentials.py", "/app/package.json", "/app/config.json", "/root/.ssh/authorized_keys",
	] {
		count(credential_files.entries(p)) == 0
	}
}

test_presence if {
	{e.presence | some e in credential_files.entries("/app/keystore.p12")} == {"finding"}
	{e.presence | some e in credential_files.entries("/root/.aws/credentials")} == {"unchecked"}
	{e.presence | some e in credential_files.entries("/root/.aws/config")} == {"none"}
	{e.presence | some e in credential_files.entries("/infra/prod.tfvars")} == {"none"}
}
