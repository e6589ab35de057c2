package tollgate.image.secrets_environment_test

import rego.v1

import data.tollgate.image.secrets_environment

test_env_secret if {
	secrets_environment.deny == {{
		"resource": "app:1",
		"path": ["config", "env", 1],
		"message": "Environment variable DB_PASSWORD in the image config has a literal credential value",
		"secret": "pa=ss-w0rd",
	}} with input as {"resource": "app:1", "config": {"env": ["PATH=/usr/bin", "DB_PASSWORD=pa=ss-w0rd"]}}
}

test_clean_env if {
	count(secrets_environment.deny) == 0 with input as {"resource": "app:1", "config": {"env": ["PATH=/usr/bin", "PASSWORD_FILE=/run/secrets/db", "API_KEY=", "TOKEN_TTL=300"]}}
}
