# METADATA
# description: |
#   Format-independent helpers for credential rules: which names hold a
#   credential, which values are plaintext credentials, and known credential
#   formats found anywhere in a document (through the tollgate.secrets
#   builtin, the detector that also checks plain files). Shared by the CloudFormation,
#   Terraform and Dockerfile rules.
package tollgate.lib.secrets

import rego.v1

import data.tollgate.lib.core

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

# literals returns [path, value] for every value in x that may be a
# plaintext credential, under a name the prefilter lets through: strings,
# and undecided conditions (unknown markers whose "options" are the
# branches) as a whole, at the path of the condition. Rules still check the
# name with secret_name and the value with plaintext_values.
literals(x) := {[path, value] | some [path, value] in tollgate.strings(x, name_prefilter, "")} | {[path, value] |
	some [opt_path, _] in tollgate.strings(x, "^options$", "")
	count(opt_path) > 2
	opt_path[count(opt_path) - 2] == "options"
	path := array.slice(opt_path, 0, count(opt_path) - 2)
	value := object.get(x, path, null)
	core.is_unknown(value)
}

# name_prefilter holds a stem every credential term contains: a cheap first
# test, and the key pattern for tollgate.strings in rules that look for
# credential-named values anywhere.
name_prefilter := `(?i)pass|pwd|secret|token|key|cred|auth|conn`

# Credential terms, as words or as the concatenation of up to three adjacent
# words ("api", "key" and "apikey" both give apikey).
_terms := {
	"password", "passwords", "passwd", "pwd", "passphrase",
	"secret", "secrets", "clientsecret", "sharedsecret",
	"token", "tokens",
	"apikey", "apikeys", "accesskey", "secretkey", "privatekey", "presharedkey",
	"credential", "credentials", "creds",
	"auth",
	"connectionstring", "connstr", "connstring",
}

# Words after a term that turn the name into a reference to a credential or a
# setting about it (SecretArn, PasswordLength, TokenValidity).
_setting_after := {
	"arn", "arns", "id", "ids", "name", "names", "length", "policy", "policies",
	"rotation", "enabled", "enable", "required", "require", "type", "types",
	"mode", "method", "methods", "mechanism", "source", "validity", "units",
	"ttl", "expiry", "expiration", "expires", "version", "template", "path",
	"file", "url", "uri", "endpoint", "location", "format", "config",
	"configuration", "settings", "strategy", "provider", "scope", "scopes",
	"flow", "flows", "role", "count", "size", "age", "duration", "period",
	"timeout", "days", "hours", "minutes", "seconds", "prefix", "suffix",
	"status", "state", "kind", "algorithm", "reset", "used", "parameter",
	"param", "ref", "reference", "manager", "store", "env", "var", "header",
	"field", "user", "username", "login", "rules",
}

# Words before a term that make the name a switch, not a value
# (ManageMasterUserPassword, GenerateSecretString).
_setting_before := {
	"manage", "generate", "enable", "disable", "require", "requires", "rotate",
	"allow", "exclude", "include", "min", "minimum", "max", "maximum", "no",
	"skip", "hard", "use",
}

# Names that match the word rules but hold a reference or a switch.
_excluded_names := {
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

# Words anywhere in a name that make it about a key or secret store, not a
# credential value (SecretsManagerDomainCredentialsSecretsKMSKey).
_store_words := {"kms", "cmk", "ssm"}

# secret_name holds when a property, variable or environment name holds a
# credential value. Word based: Tokenizer and AuthorizerType do not match.
secret_name(name) if {
	is_string(name)

	# Cheap test first: every term contains one of these stems, and most
	# names contain none, so the word split below rarely runs.
	regex.match(name_prefilter, name)
	ws := words(name)
	not concat("", ws) in _excluded_names
	not _names_store(ws)
	some [i, j] in _term_spans(ws)
	not _setting_after_term(ws, j)
	not _setting_before_term(ws, i)
}

# _term_spans returns [first, last] word indices of every term in ws.
_term_spans(ws) := {[i, j] |
	some i, _ in ws
	some n in [1, 2, 3]
	j := (i + n) - 1
	j < count(ws)
	concat("", array.slice(ws, i, j + 1)) in _terms
} | _pass_span(ws)

# "pass" is a credential only as the last word (DB_PASS), never in
# PassRole or PassThrough.
_pass_span(ws) := {[i, i] |
	i := count(ws) - 1
	ws[i] == "pass"
}

_names_store(ws) if {
	some w in ws
	w in _store_words
}

_names_store(ws) if {
	some i, w in ws
	w == "secrets"
	ws[i + 1] == "manager"
}

_setting_after_term(ws, j) if {
	some k, w in ws
	k > j
	w in _setting_after
}

_setting_before_term(ws, i) if {
	some k, w in ws
	k < i
	w in _setting_before
}

# literal_secret holds when v is a credential written in plaintext: a
# non-empty known string that is not fetched at deploy time, not a reference
# to where the secret lives, not template syntax and not a flag or a number.
# An obvious but real password such as "changeme" is a literal secret.
literal_secret(v) if {
	is_string(v)
	trim_space(v) != ""
	not _reference_value(v)
	not _templated(v)
	not _scalar_setting(v)
}

# A dynamic reference anywhere in the value ("user:{{resolve:...}}@host")
# means the secret itself is fetched at deploy time.
_reference_value(v) if contains(v, "{{resolve:")

# Any ARN names a resource (Secrets Manager secret, SSM parameter, KMS key);
# it is never the credential itself.
_reference_value(v) if regex.match(`^arn:aws[a-zA-Z-]*:[a-z0-9-]+:`, v)

# Interpolation syntax of the formats tollgate reads: Terraform and shell
# "${...}" and "$VAR", Jinja/Handlebars "{{...}}", documentation "<...>".
_templated(v) if regex.match(`\$\{[^}]*\}`, v)

_templated(v) if regex.match(`^\$[A-Za-z_][A-Za-z0-9_]*$`, v)

_templated(v) if regex.match(`\{\{[^}]*\}\}`, v)

_templated(v) if regex.match(`^<[^<>]+>$`, v)

_scalar_setting(v) if lower(trim_space(v)) in {
	"true", "false", "yes", "no", "on", "off", "null", "none",
	"required", "optional", "enabled", "disabled",
}

_scalar_setting(v) if regex.match(`^\s*-?[0-9]+(\.[0-9]+)?\s*$`, v)

# not_secret_value holds for the values that are the fix for a credential:
# unknown markers (a NoEcho or sensitive input, a value from another
# resource) and dynamic references.
not_secret_value(v) if core.is_unknown(v)

not_secret_value(v) if core.is_dynamic_reference(v)

# find_patterns yields {"path", "pattern", "description", "value"} for every
# credential in any string of doc (object keys are not searched), found by
# the tollgate.secrets builtin: the same detector (gitleaks' default rules
# and tollgate's) that checks plain files, so one credential format list
# serves every input. "pattern" is the detector rule (aws-access-token,
# github-pat, private-key, database-url-password, ...). Placeholders,
# references and AWS documentation examples (AKIAIOSFODNN7EXAMPLE) are
# already left out.
find_patterns(doc) := {m |
	some [path, c] in tollgate.secrets(doc)
	not c.rule in _name_based
	m := {"path": path, "pattern": c.rule, "description": c.description, "value": c.value}
}

# _name_based rules recognise a value by the name written before it in the
# same text and an entropy bar, not by a format a service issues. In a
# document the name is a property or variable, which the credential-name
# rules judge with more context (type, NoEcho, sensitive).
_name_based := {"generic-api-key"}

# matches returns the known credential formats found in one string.
matches(s) := {{"pattern": m.pattern, "description": m.description, "value": m.value} |
	is_string(s)
	some m in find_patterns(s)
}

# label names a detected credential in a finding message.
label(m) := sprintf("credential (%s)", [m.pattern])

# with_secret adds the detected credential to a finding; tollgate redacts it
# from every output. Messages must never contain it.
with_secret(f, value) := object.union(f, {"secret": value})

# plaintext_values returns the plaintext credentials a value may take: the
# value itself, or the branches of an undecidable condition (an unknown with
# "options"), which are written in the source whichever branch deploys.
plaintext_values(v) := {v} if literal_secret(v)

else := {o |
	core.is_unknown(v)
	some o in v.options
	literal_secret(o)
}
