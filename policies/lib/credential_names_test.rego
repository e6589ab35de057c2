package tollgate.lib.credential_names_test

import rego.v1

import data.tollgate.lib.credential_names as names

# A credential noun that is the head of the name, possibly followed by words
# that do not change what it holds (a stage, a value or encoding word).
test_credential_heads if {
	every n in [
		"DBPassword", "MasterUserPassword", "db_password", "GitHubClientSecret",
		"CookieSecret", "AuthToken", "auth_token", "ApiKey", "api_key", "x-api-key",
		"PrivateKey", "private_key", "SecretAccessKey", "aws_secret_access_key",
		"Credentials", "ClientSecret", "client_secret", "DB_PASSWORD_PROD",
		"SECRET_KEY_BASE", "ApiKeyValue", "SecretString", "BASIC_AUTH",
		"CertificatePassword", "ca_private_key", "tls_auth_key", "RefreshToken",
	] {
		names.credential(n)
	}
}

# The credential noun modifies a non-secret head: a stack name, a setting,
# a reference to where the secret lives, an endpoint.
test_modifiers_of_non_secret_heads if {
	every n in [
		"ParentSecretStack", "ParentAuthProxyStack", "ParentClientSecretStack",
		"SecretStack", "SecretArn", "SecretName", "SecretId", "PasswordPolicy",
		"PasswordLength", "PasswordReusePrevention", "PasswordMinLength",
		"MaxPasswordAge", "MinimumPasswordLength", "TokenUrl", "TokenEndpoint",
		"TokenAudience", "token_issuer", "AccessKeyId", "ApiKeyId", "SecretEnabled",
		"SecretRotationSchedule", "DbPasswordParameterName", "PasswordSecretArn",
		"PrivateKeyPath", "PASSWORD_FILE", "TokenVersion", "AuthType",
		"SecretCount", "PasswordHistory", "AuthDomain", "TokenValidityUnits",
	] {
		not names.credential(n)
	}
}

test_names_without_a_credential_noun if {
	every n in ["KeyName", "KeyArn", "KeyId", "Tokenizer", "AuthorizerType", "Keyspace", "certificate_authority_data"] {
		not names.credential(n)
	}
}

# Certificates are public: cluster_auth_base64 is an EKS cluster's CA.
test_certificate_names if {
	every n in ["cluster_auth_base64", "ClusterAuthBase64", "ca_cert_base64", "CaBundle", "CertificateAuth"] {
		not names.credential(n)
	}

	# ...unless the name also says it holds a real secret.
	names.credential("CertificatePassword")
	names.credential("cert_private_key")
	names.credential("ca_secret")
}

test_condition_keys_are_not_credentials if {
	every n in [
		"token.actions.githubusercontent.com:aud", "token.actions.githubusercontent.com:sub",
		"aws:SecureTransport", "aws:PrincipalTag/AuthLevel", "gitlab.example.com:aud",
	] {
		not names.credential(n)
	}
}

test_words_split_every_case_style if {
	names.words("ParentAuthProxyStack") == ["parent", "auth", "proxy", "stack"]
	names.words("cluster_auth_base64") == ["cluster", "auth", "base", "64"]
	names.words("PasswordReusePrevention") == ["password", "reuse", "prevention"]
}

test_term_spans if {
	names.term_spans(["secret", "access", "key"]) == {[0, 0], [1, 2]}
	names.term_spans(["db", "pass"]) == {[1, 1]}
	names.term_spans(["pass", "role"]) == set()
}

test_in_policy_condition if {
	names.in_policy_condition(["AssumeRolePolicyDocument", "Statement", 0, "Condition", "StringEquals", "token.actions.githubusercontent.com:aud"])
	names.in_policy_condition(["policy", "statement", 1, "condition", "test"])
	not names.in_policy_condition(["Condition", "Password"])
	not names.in_policy_condition(["MasterUserPassword"])
}

test_in_setting_block if {
	names.in_setting_block(["TokenValidityUnits", "AccessToken"])
	names.in_setting_block(["token_validity_units", 0, "refresh_token"])
	not names.in_setting_block(["BasicAuthConfig", "Password"])
	not names.in_setting_block(["LoginProfile", "Password"])
	not names.in_setting_block(["TokenValidityUnits"])
	names.non_credential_path(["TokenValidityUnits", "IdToken"])
	names.non_credential_path(["Policy", "Statement", 0, "Condition", "StringEquals", "x:token"])
	not names.non_credential_path(["Users", 0, "Password"])
}
