package tollgate.lib.secrets_test

import rego.v1

import data.tollgate.lib.secrets

test_words_normalise_case_styles if {
	secrets.words("DBPassword") == ["db", "password"]
	secrets.words("masterUserPassword") == ["master", "user", "password"]
	secrets.words("DB_PASSWORD") == ["db", "password"]
	secrets.words("db-password") == ["db", "password"]
	secrets.words("OAuthToken") == ["o", "auth", "token"]
	secrets.words("Password2") == ["password", "2"]
	secrets.words("/app/prod/db.password") == ["app", "prod", "db", "password"]
}

test_secret_names if {
	every n in [
		"MasterUserPassword", "DBPassword", "DB_PASSWORD", "db-password", "Passwd",
		"mysql_pwd", "DB_PASS", "AuthToken", "SecretString", "SecretAccessKey",
		"API_KEY", "ApiKey", "apikey", "x-api-key", "AccessKey", "aws_secret_key",
		"PrivateKey", "private-key", "Credentials", "credential", "BASIC_AUTH",
		"ClientSecret", "client_secret", "ConnectionString", "DB_CONNECTION_STRING",
		"OAuthToken", "GITHUB_TOKEN", "PreSharedKey", "Passphrase", "PassWord",
		"SECRET_KEY_BASE", "ApiKeyValue", "Password", "Token", "Secret",
		"--password", "/app/prod/db_password",
	] {
		secrets.secret_name(n)
	}
}

test_not_secret_names if {
	every n in [
		"Tokenizer", "TokenizerModel", "AuthorizerType", "Authorization", "Author",
		"SecretArn", "SecretId", "SecretName", "KmsKeyId", "MasterUserSecret",
		"ManageMasterUserPassword", "GenerateSecretString", "PasswordPolicy",
		"TokenValidity", "AccessTokenValidity", "TokenValidityUnits",
		"MinimumPasswordLength", "PasswordResetRequired", "SecretRotationEnabled",
		"SecretStringTemplate", "GenerateStringKey", "AccessKeyId", "AuthType",
		"AuthMechanism", "AuthSource", "DB_PASSWORD_SECRET_ARN", "PASSWORD_FILE",
		"TOKEN_URL", "PassRole", "PassThrough", "Bypass", "Compass", "PWD",
		"OLDPWD", "SecretsManagerSecretId", "Username", "EnableIAMDatabaseAuthentication",
		"GenerateSecret", "Keyspace", "PasswordLastUsed", "MasterUsername", "", 42,
		"HttpTokens", "SecretsManagerDomainCredentialsSecretsKMSKey", "DbPasswordKmsKey",
		"SsmPasswordParameter", "SecretsManagerSecret", "ServiceToken",
	] {
		not secrets.secret_name(n)
	}
}

test_literal_secrets if {
	every v in ["hunter2", "changeme", "Sup3r$ecret!", "password", "  x  ", "postgres://app:s3cret@db:5432/app"] {
		secrets.literal_secret(v)
	}
}

test_not_literal_secrets if {
	every v in [
		"", "   ", true, false, 1234, {"__unknown__": true, "expr": "Ref DBPassword", "sensitive": true},
		{"__unknown__": true, "expr": "Fn::GetAtt Secret.Arn"},
		"{{resolve:secretsmanager:prod/db:SecretString:password}}",
		"{{resolve:ssm-secure:/prod/db/password:3}}",
		"postgres://app:{{resolve:secretsmanager:db:SecretString:password}}@db/app",
		"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf",
		"arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password",
		"arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:x",
		"${var.db_password}", "${DB_PASSWORD}", "$DB_PASSWORD", "{{ db_password }}",
		"<your-password>", "true", "False", "yes", "8", "3.5", ["hunter2"], "required", "Optional",
	] {
		not secrets.literal_secret(v)
	}
}

test_not_secret_value if {
	secrets.not_secret_value({"__unknown__": true, "expr": "Ref P", "sensitive": true})
	secrets.not_secret_value("{{resolve:secretsmanager:s}}")
	not secrets.not_secret_value("hunter2")
}

test_patterns_match_known_formats if {
	cases := {
		"aws-access-token": "AKIA2OGYBAH6TYHRWSQX",
		"github-pat": "ghp_4f0aQ1bX9zK2mN7pR5sT8uV3wY6cE1dH0jLq",
		"github-fine-grained-pat": "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",
		"npm-access-token": "npm_3xtplpft75v2seh60kvj50ce9uvw53efr4ed",
		"slack-bot-token": "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
		"slack-webhook-url": "https://hooks.slack.com/services/T0123ABCD/B0123ABCD/AbCdEfGhIjKlMnOpQrStUvWx",
		"stripe-access-token": "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
		"gcp-api-key": "AIzaSyD3x9Q2w8E7r6T5y4U3i2O1p0A9s8D7f6G",
		"gitlab-pat": "glpat-AbCdEf0123456789xYz_",
		"database-url-password": "postgres://app:Zq8-Wm2Xv4Tn@db/app",
	}
	every id, value in cases {
		some m in secrets.matches(sprintf("prefix %s suffix", [value]))
		m.pattern == id
		contains(value, m.value)
	}
}

test_private_key_block if {
	key := concat("\n", [
		"-----BEGIN RSA PRIVATE KEY-----",
		"MIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB",
		"aFDrBz9vFqU4yXMTc5m2dw2B6x0VQz2p8TgFyK4u1HvI5o2GDHnlGVRUlK9z3Lxn",
		"-----END RSA PRIVATE KEY-----",
	])
	some m in secrets.matches(key)
	m.pattern == "private-key"
}

test_patterns_ignore_documentation_examples if {
	count(secrets.matches("AKIAIOSFODNN7EXAMPLE")) == 0
	count(secrets.matches("aws_access_key_id = AKIAI44QH8DHBEXAMPLE")) == 0
}

test_patterns_ignore_placeholders if {
	every s in [
		"postgres://app:${DB_PASSWORD}@db/app",
		"postgres://app:{{resolve:secretsmanager:db:SecretString:password}}@db/app",
		"mysql://root:<password>@db/app",
	] {
		count(secrets.matches(s)) == 0
	}
}

test_patterns_no_false_positives if {
	every s in [
		"AKIA2OGYBAH6TYHRWSQ", # too short
		"XAKIA2OGYBAH6TYHRWSQX", # inside a longer word
		"ghp_short", "-----BEGIN PUBLIC KEY-----",
		"-----BEGIN CERTIFICATE-----", "xoxb-not-a-token", "npm_install",
		"api_key = 3f9a8b7c6d5e4f3a2b1c", # generic: judged by the credential-name rules
	] {
		count(secrets.matches(s)) == 0
	}
}

test_find_patterns_walks_document if {
	doc := {
		"Resources": {"Fn": {"Properties": {"Environment": {"Variables": {"KEY": "id=AKIA2OGYBAH6TYHRWSQX"}}}}},
		"Outputs": {"O": {"Value": ["x", "ghp_4f0aQ1bX9zK2mN7pR5sT8uV3wY6cE1dH0jLq"]}},
		"AKIA2OGYBAH6TYHRWSQX": "keys are not searched",
	}
	{[m.path, m.pattern, m.value] | some m in secrets.find_patterns(doc)} == {
		[["Resources", "Fn", "Properties", "Environment", "Variables", "KEY"], "aws-access-token", "AKIA2OGYBAH6TYHRWSQX"],
		[["Outputs", "O", "Value", 1], "github-pat", "ghp_4f0aQ1bX9zK2mN7pR5sT8uV3wY6cE1dH0jLq"],
	}
}

test_find_patterns_two_matches_in_one_string if {
	found := secrets.find_patterns({"a": "AKIA2OGYBAH6TYHRWSQX and ASIA2OGYBAH6TYHRWSQY"})
	count(found) == 2
}

test_with_secret if {
	secrets.with_secret({"resource": "R", "path": [], "message": "m"}, "s") == {"resource": "R", "path": [], "message": "m", "secret": "s"}
}

test_plaintext_values if {
	secrets.plaintext_values("hunter2") == {"hunter2"}
	secrets.plaintext_values({"__unknown__": true, "expr": "Fn::If [Prod, ...]", "options": ["{{resolve:ssm-secure:/p}}", "devpass"]}) == {"devpass"}
	secrets.plaintext_values({"__unknown__": true, "expr": "Ref P", "sensitive": true}) == set()
	secrets.plaintext_values("{{resolve:secretsmanager:s}}") == set()
}

test_idempotency_tokens_are_not_credentials if {
	not secrets.secret_name("creation_token")
	not secrets.secret_name("ClientToken")
	not secrets.secret_name("idempotency_token")
	secrets.secret_name("auth_token")
}

test_literals_strings_and_undecided_conditions if {
	x := {
		"MasterUserPassword": "hunter2",
		"Engine": "postgres",
		"AuthToken": {"__unknown__": true, "expr": "Fn::If [C, ...]", "options": ["a", "b"]},
		"Nested": {"Passwords": ["p1"]},
	}
	secrets.literals(x) == {
		[["MasterUserPassword"], "hunter2"],
		[["AuthToken"], {"__unknown__": true, "expr": "Fn::If [C, ...]", "options": ["a", "b"]}],
		[["Nested", "Passwords", 0], "p1"],
	}
}
