# METADATA
# description: |
#   The one list of credential files: the names and paths of files that hold
#   credentials, for the Dockerfile rule (what a COPY or ADD source is) and
#   the image rules (which files of the layers are credential files, and
#   what their content must show). The image scanner reads it too: it lists
#   every file whose path an entry names in the image input, with its
#   content (up to 64 KiB) however large the image, and keeps no list of
#   its own (see docs/policy-api.md).
#
#   Each entry has:
#   - path: an RE2 pattern matched against the file's slash-separated path
#     (absolute in an image; a COPY source is made absolute, `./a` -> `/a`);
#   - except (optional): a pattern of paths the entry does not name;
#   - presence: what the name alone says.
#     "finding": the file's presence is the finding (key stores, token
#     databases: tollgate does not read their content);
#     "unchecked": the name says the file holds a credential: where the
#     content can be read (an image file of at most 64 KiB) it decides,
#     where it cannot (a COPY source, a larger file) the presence does;
#     "none": the name does not say; only content can decide (an AWS
#     config, a .tfvars, a Maven settings file often hold no credential).
#   - secret (optional): how the content shows the credential, either
#     {"kind", "regex", "group"} (the capture group that is the secret; 0
#     for the whole match) or {"assignments": label} for KEY=value lines
#     whose key names a credential (lib/secrets.secret_name).
#   Private key blocks (-----BEGIN ... PRIVATE KEY-----) are found in the
#   content of every listed file whatever its name (lib/containers).
package tollgate.lib.credential_files

import rego.v1

patterns := [
	# SSH private keys (ssh-keygen's default names); the .pub beside
	# them is the public half.
	{"path": `/id_(rsa|dsa|ecdsa|ed25519)[^/]*$`, "except": `\.pub$`, "presence": "unchecked"},
	# Copying a whole ~/.ssh copies the keys in it.
	{"path": `/\.ssh$`, "presence": "unchecked"},
	{"path": `(?i)\.key$`, "presence": "unchecked"},
	# A .pem holds a certificate (a CA bundle, a server chain) as often
	# as a key: only names that say key; public keys are not credentials.
	{
		"path": `(?i)(key|private|priv|secret|id_)[^/]*\.pem$`,
		"except": `(?i)(public|pubkey)[^/]*$`,
		"presence": "unchecked",
	},
	# Key stores: PKCS#12, Java (JKS, BKS-FIPS) and Android key stores,
	# PuTTY keys, KeePass databases. A trust store holds only
	# certificates.
	{
		"path": `(?i)\.(p12|pfx|jks|keystore|bcfks|ppk|kdbx)$`,
		"except": `(?i)(trust|cacerts)[^/]*$`,
		"presence": "finding",
	},
	# dotenv files; the templates committed beside them (.env.example,
	# Symfony's .env.dist, dotenv-defaults' .env.defaults) hold
	# placeholders.
	{
		"path": `/\.env(\.[^/]+)?$`,
		"except": `/\.env\.(example|sample|template|dist|defaults)$`,
		"presence": "unchecked",
		"secret": {"assignments": "an env file"},
	},
	{"path": `/\.npmrc$`, "presence": "unchecked", "secret": {"kind": "npm token", "regex": `(?m)(?:_authToken|_auth|_password)\s*=\s*([^\s$][^\s]*)`, "group": 1}},
	{"path": `/\.pypirc$`, "presence": "unchecked", "secret": {"kind": "PyPI password", "regex": `(?m)^\s*password\s*[=:]\s*(\S+)`, "group": 1}},
	{"path": `/\.git-credentials$`, "presence": "unchecked", "secret": {"kind": "git credentials", "regex": `(?m)^\s*[a-z][a-z0-9+.-]*://[^:/@\s]*:([^@\s]+)@`, "group": 1}},
	{"path": `/(\.netrc|_netrc)$`, "presence": "unchecked", "secret": {"kind": "netrc password", "regex": `(?m)\bpassword\s+(\S+)`, "group": 1}},
	{"path": `/\.pgpass$`, "presence": "unchecked", "secret": {"kind": "PostgreSQL password", "regex": `(?m)^[^#\s][^:\n]*:[^:\n]*:[^:\n]*:[^:\n]*:(\S+)$`, "group": 1}},
	{"path": `/\.vault-token$`, "presence": "unchecked", "secret": {"kind": "Vault token", "regex": `\S+`, "group": 0}},
	{"path": `/\.my\.cnf$`, "presence": "unchecked", "secret": {"kind": "MySQL password", "regex": `(?m)^\s*password\s*=\s*(\S+)`, "group": 1}},
	{"path": `/\.s3cfg$`, "presence": "unchecked", "secret": {"kind": "s3cmd secret key", "regex": `(?m)^\s*secret_key\s*=\s*(\S+)`, "group": 1}},
	{"path": `/\.htpasswd$`, "presence": "unchecked", "secret": {"kind": "htpasswd hash", "regex": `(?m)^[^:#\s]+:(\S+)`, "group": 1}},
	# Docker's client config holds registry logins unless a credential
	# store does (credsStore, credHelpers).
	{"path": `/(\.docker/config\.json|\.dockercfg)$`, "presence": "unchecked", "secret": {"kind": "registry auth", "regex": `"(?:auth|identitytoken|registrytoken)"\s*:\s*"([^"]+)"`, "group": 1}},
	{"path": `/\.kube/config$`, "presence": "unchecked", "secret": {"kind": "kubeconfig credential", "regex": `(?m)^\s*(?:token|client-key-data|password):\s*(\S+)`, "group": 1}},
	# AWS: the shared credentials file holds keys; the config file holds
	# profiles, and keys only sometimes.
	{"path": `/\.aws/credentials$`, "presence": "unchecked", "secret": _aws_keys},
	{"path": `/\.aws/config$`, "presence": "none", "secret": _aws_keys},
	# Google OAuth client secrets, service account keys and gcloud's
	# application default credentials.
	{"path": `/(credentials\.json|service-account\.json|application_default_credentials\.json)$`, "presence": "unchecked", "secret": {"kind": "cloud service account key", "regex": `"(?:private_key|client_secret|refresh_token)"\s*:\s*"([^"]+)"`, "group": 1}},
	# gcloud's token databases (SQLite).
	{"path": `/\.config/gcloud/(credentials|access_tokens)\.db$`, "presence": "finding"},
	# Azure CLI token caches (accessTokens.json before 2.30, the MSAL
	# cache after).
	{"path": `/\.azure/(accessTokens|msal_token_cache)\.json$`, "presence": "unchecked", "secret": {"kind": "Azure CLI token", "regex": `"(?:accessToken|refreshToken|secret)"\s*:\s*"([^"]+)"`, "group": 1}},
	# A file named credentials (~/.aws/credentials, ~/.cargo/credentials,
	# ~/.gem/credentials, an application's own).
	{"path": `/credentials$`, "presence": "unchecked"},
	{"path": `/secrets\.ya?ml$`, "presence": "unchecked"},
	# Package registry and CLI tokens.
	{"path": `/\.cargo/credentials(\.toml)?$`, "presence": "unchecked", "secret": {"kind": "Cargo registry token", "regex": `(?m)^\s*token\s*=\s*"([^"]+)"`, "group": 1}},
	{"path": `/\.gem/credentials$`, "presence": "unchecked", "secret": {"kind": "RubyGems API key", "regex": `(?m)^\s*:?[a-z_]*api_key:\s*['"]?([^'"\s]+)`, "group": 1}},
	{"path": `/(\.composer|\.config/composer)/auth\.json$`, "presence": "unchecked", "secret": {"kind": "Composer auth", "regex": `"(?:password|github\.com|gitlab\.com|consumer-secret)"\s*:\s*"([^"]+)"`, "group": 1}},
	{"path": `/\.terraform\.d/credentials\.tfrc\.json$`, "presence": "unchecked", "secret": {"kind": "Terraform CLI token", "regex": `"token"\s*:\s*"([^"]+)"`, "group": 1}},
	# Configuration files that hold a credential only sometimes.
	{"path": `/\.terraformrc$`, "presence": "none", "secret": {"kind": "Terraform CLI token", "regex": `(?m)^\s*token\s*=\s*"([^"]+)"`, "group": 1}},
	{"path": `/\.config/gh/hosts\.yml$`, "presence": "none", "secret": {"kind": "GitHub CLI token", "regex": `(?m)^\s*oauth_token:\s*(\S+)`, "group": 1}},
	{"path": `/\.yarnrc\.yml$`, "presence": "none", "secret": {"kind": "Yarn registry token", "regex": `(?m)^\s*npmAuth(?:Token|Ident)\s*:\s*['"]?([^'"\s]+)`, "group": 1}},
	{"path": `/\.m2/settings\.xml$`, "presence": "none", "secret": {"kind": "Maven server password", "regex": `<(?:password|passphrase)>\s*([^<\s][^<]*?)\s*</`, "group": 1}},
	{"path": `/\.gradle/gradle\.properties$`, "presence": "none", "secret": {"assignments": "gradle.properties"}},
	# Terraform variable files often hold secrets, often not.
	{"path": `(?i)\.tfvars$`, "presence": "none", "secret": {"assignments": "a Terraform variables file"}},
]

_aws_keys := {"kind": "AWS credentials", "regex": `(?m)^\s*(?:aws_secret_access_key|aws_session_token)\s*=\s*(\S+)`, "group": 1}

# entries are the entries of patterns that name path p.
entries(p) := [e |
	some e in patterns
	regex.match(e.path, p)
	not _excepted(e, p)
]

_excepted(e, p) if regex.match(e.except, p)
