# METADATA
# description: |
#   Which names hold a credential value. A name is split into words and a
#   credential noun (password, secret, token, api key, private key,
#   credentials, ...) must be what the name is about: in ParentSecretStack,
#   PasswordReusePrevention or TokenAudience the noun only modifies a
#   non-secret head (a stack name, a number, an audience). Names that are IAM
#   condition keys or name a certificate are never credentials.
package tollgate.lib.credential_names

import rego.v1

# words splits a property, variable or environment name into lower-case
# words: camelCase, PascalCase with acronyms (DBPassword), snake_case,
# kebab-case, dotted and path-like names all give the same words.
words(name) := [w |
	some w in regex.split(`[^a-z0-9]+`, lower(_split_case(name)))
	w != ""
]

_split_case(name) := s if {
	# DBPassword -> DB_Password, then dbPassword -> db_Password, then
	# Password2 -> Password_2: acronyms and digits become their own words.
	s1 := regex.replace(name, `([A-Z]+)([A-Z][a-z])`, "${1}_${2}")
	s2 := regex.replace(s1, `([a-z])([A-Z])`, "${1}_${2}")
	s := regex.replace(s2, `([A-Za-z])([0-9])`, "${1}_${2}")
}

# prefilter holds a stem every credential term contains: a cheap first test,
# and the key pattern for tollgate.strings in rules that look for
# credential-named values anywhere.
prefilter := `(?i)pass|pwd|secret|token|key|cred|auth|conn`

# terms are the credential nouns, as words or as the concatenation of up to
# three adjacent words ("api", "key" and "apikey" all give apikey).
terms := {
	"password", "passwords", "passwd", "pwd", "passphrase",
	"secret", "secrets", "clientsecret", "sharedsecret",
	"token", "tokens",
	"apikey", "apikeys", "accesskey", "secretkey", "privatekey", "presharedkey",
	"credential", "credentials", "creds",
	"auth",
	"connectionstring", "connstr", "connstring",
}

# non_secret_heads are words that, after a credential noun, make the name
# about something else: a reference to the credential (SecretArn,
# SecretStack, KeyId), a setting about it (PasswordLength,
# PasswordReusePrevention, TokenValidity) or a related endpoint
# (TokenUrl, TokenAudience). A word after the noun that is not listed here
# keeps the name a credential (DB_PASSWORD_PROD, SECRET_KEY_BASE): unknown
# is not absent.
non_secret_heads := {
	# references to where a credential lives
	"arn", "arns", "id", "ids", "name", "names", "stack", "stacks", "export",
	"parameter", "param", "ref", "reference", "manager", "store", "path",
	"file", "location", "bucket", "table", "env", "var", "field",
	# endpoints and identities around a credential
	"url", "uri", "endpoint", "endpoints", "host", "hostname", "port",
	"domain", "server", "proxy", "audience", "audiences", "issuer", "provider",
	"header", "user", "username", "login", "role", "scope", "scopes",
	# settings about a credential
	"length", "policy", "policies", "rotation", "enabled", "enable",
	"required", "require", "type", "types", "mode", "method", "methods",
	"mechanism", "source", "validity", "units", "ttl", "expiry",
	"expiration", "expires", "version", "template", "format", "config",
	"configuration", "settings", "strategy", "flow", "flows", "count", "size",
	"age", "duration", "period", "interval", "lifetime", "timeout", "days",
	"hours", "minutes", "seconds", "prefix", "suffix", "status", "state",
	"kind", "algorithm", "reset", "used", "rules", "reuse", "prevention",
	"history", "complexity", "characters", "chars", "pattern", "regex",
	"hint", "description", "label", "tag", "tags", "attempts", "retries",
	"limit", "threshold", "lockout", "validation", "verification",
}

# setting_before are words before a credential noun that make the name a
# switch or a bound, not a value (ManageMasterUserPassword, MaxPasswordAge).
setting_before := {
	"manage", "generate", "enable", "disable", "require", "requires", "rotate",
	"allow", "exclude", "include", "min", "minimum", "max", "maximum", "no",
	"skip", "hard", "use",
}

# excluded_names match the word rules but hold a reference or a switch.
excluded_names := {
	"mastersecret", # AWS::RDS::DBCluster MasterUserSecret is {KmsKeyId, SecretArn}
	"masterusersecret",
	"generatesecretstring",
	"managemasteruserpassword",
	"passwordpolicy",
	"tokenvalidity",
	"kmskeyid",
	"secretarn",
	"secretid",
	# PWD is the shell's working directory, not a password.
	"pwd",
	"oldpwd",
	# EC2 MetadataOptions.HttpTokens is the IMDSv2 switch (required/optional).
	"httptokens",
	# Custom resources' ServiceToken is the ARN of the provider function.
	"servicetoken",
	# Idempotency tokens (EFS creation_token, EC2 ClientToken) only make a
	# request safe to retry; they grant nothing.
	"creationtoken",
	"clienttoken",
	"idempotencytoken",
}

# store_words anywhere in a name make it about a key or secret store, not a
# credential value (SecretsManagerDomainCredentialsSecretsKMSKey).
store_words := {"kms", "cmk", "ssm"}

# certificate_words name public certificate material (ca_cert_base64,
# CertificateAuthorityData).
certificate_words := {
	"ca", "cacert", "cabundle", "cert", "certs", "certificate",
	"certificates", "crt",
}

# credential holds when a name holds a credential value. Word based:
# Tokenizer and AuthorizerType do not match.
credential(name) if {
	is_string(name)

	# Cheap test first: every term contains one of these stems, and most
	# names contain none, so the word split below rarely runs.
	regex.match(prefilter, name)
	not condition_key(name)
	ws := words(name)
	not concat("", ws) in excluded_names
	not names_store(ws)
	not certificate_name(ws)
	some [i, j] in term_spans(ws)
	not non_secret_head_after(ws, j)
	not setting_before_term(ws, i)
}

# condition_key holds for IAM condition keys (aws:SourceArn,
# token.actions.githubusercontent.com:aud, sts:ExternalId): the key of a
# Condition block names a request attribute, never a credential.
condition_key(name) if regex.match(`^[a-z0-9][a-z0-9.-]*:[A-Za-z0-9_./${}*-]+$`, name)

# term_spans returns [first, last] word indices of every term in ws.
term_spans(ws) := {[i, j] |
	some i, _ in ws
	some n in [1, 2, 3]
	j := (i + n) - 1
	j < count(ws)
	concat("", array.slice(ws, i, j + 1)) in terms
} | _pass_span(ws)

# "pass" is a credential only as the last word (DB_PASS), never in
# PassRole or PassThrough.
_pass_span(ws) := {[i, i] |
	i := count(ws) - 1
	ws[i] == "pass"
}

names_store(ws) if {
	some w in ws
	w in store_words
}

names_store(ws) if {
	some i, w in ws
	w == "secrets"
	ws[i + 1] == "manager"
}

# certificate_name holds for a name about a certificate (a CA bundle, an
# EKS cluster's certificate authority: cluster_auth_base64) unless it also
# names a real secret (CertificatePassword, CertPrivateKey).
certificate_name(ws) if {
	_certificate_context(ws)
	not _strong_term(ws)
}

_certificate_context(ws) if {
	some w in ws
	w in certificate_words
}

# terraform-aws-eks and the EKS bootstrap call the cluster's base64 CA
# "cluster_auth_base64".
_certificate_context(ws) if {
	some i, w in ws
	w == "cluster"
	ws[i + 1] == "auth"
}

# _strong_term holds when a name has a credential noun other than "auth",
# which also modifies certificates and cluster endpoints.
_strong_term(ws) if {
	some [i, j] in term_spans(ws)
	concat("", array.slice(ws, i, j + 1)) != "auth"
}

non_secret_head_after(ws, j) if {
	some k, w in ws
	k > j
	w in non_secret_heads
}

setting_before_term(ws, i) if {
	some k, w in ws
	k < i
	w in setting_before
}

# in_policy_condition holds for a path inside the Condition block of an IAM
# policy statement: its keys are condition operators and condition keys
# (token.actions.githubusercontent.com:aud), its values what a request is
# compared with; none of them is a credential.
in_policy_condition(path) if {
	some i, c in path
	is_string(c)
	lower(c) == "condition"
	some k, s in path
	k < i
	is_string(s)
	lower(s) == "statement"
}

# setting_block_heads end the names of blocks that configure credentials
# rather than hold them: Cognito's TokenValidityUnits {AccessToken:
# "minutes"}, a password policy or a rotation schedule.
setting_block_heads := {
	"validity", "units", "policy", "policies", "rotation", "expiry",
	"expiration", "ttl", "lifetime", "duration",
}

# in_setting_block holds for a path below a block whose name is a setting
# about a credential (TokenValidityUnits.AccessToken).
in_setting_block(path) if {
	some i, block in path
	i < count(path) - 1
	is_string(block)
	regex.match(prefilter, block)
	ws := words(block)
	some [_, j] in term_spans(ws)
	some k, w in ws
	k > j
	w in setting_block_heads
}

# non_credential_path holds for a path whose last name may read like a
# credential but whose place in the document says it is not one.
non_credential_path(path) if in_policy_condition(path)

non_credential_path(path) if in_setting_block(path)
