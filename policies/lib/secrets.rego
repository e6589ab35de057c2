# METADATA
# description: |
#   Format-independent helpers for credential rules: which names hold a
#   credential, which values are plaintext credentials, and known credential
#   formats found anywhere in a document. Shared by the CloudFormation,
#   Terraform and Dockerfile rules.
package tollgate.lib.secrets

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.credential_names
import data.tollgate.lib.credential_values

# words splits a name into lower-case words (see credential_names.words).
words(name) := credential_names.words(name)

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

# name_prefilter is the key pattern for tollgate.strings in rules that look
# for credential-named values anywhere.
name_prefilter := credential_names.prefilter

# secret_name holds when a property, variable or environment name holds a
# credential value: a credential noun is what the name is about
# (DBPassword), not a modifier of something else (ParentSecretStack,
# PasswordReusePrevention). See credential_names.
secret_name(name) if credential_names.credential(name)

# literal_secret holds when v is a credential written in plaintext: a
# non-empty known string that is not fetched at deploy time, not a reference
# to where the secret lives, not template syntax, not a flag or a number and
# not a public value (a certificate, a domain, an IAM condition key).
# An obvious but real password such as "changeme" is a literal secret.
literal_secret(v) if {
	is_string(v)
	trim_space(v) != ""
	not _reference_value(v)
	not _templated(v)
	not _scalar_setting(v)
	not credential_values.public_value(v)
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

# credential_patterns are formats of credentials issued by well-known
# services. The whole regex match is the secret.
credential_patterns := {
	"aws-access-key-id": {
		"regex": `\b(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`,
		"description": "AWS access key id",
	},
	"private-key": {
		# The header alone is enough; the whole block is captured when it is
		# complete so that redaction covers the key material.
		"regex": `(?s)-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----(.*?-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----)?`,
		"description": "private key",
	},
	"github-token": {
		"regex": `\bgh[pousr]_[A-Za-z0-9]{36,255}\b`,
		"description": "GitHub token",
	},
	"github-fine-grained-token": {
		"regex": `\bgithub_pat_[A-Za-z0-9_]{60,255}\b`,
		"description": "GitHub fine-grained personal access token",
	},
	"slack-token": {
		"regex": `\bxox[baprs]-[0-9]+-[0-9A-Za-z-]{10,}`,
		"description": "Slack token",
	},
	"slack-webhook": {
		"regex": `https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{20,}`,
		"description": "Slack incoming webhook URL",
	},
	"stripe-secret-key": {
		"regex": `\b[rs]k_live_[0-9A-Za-z]{20,}\b`,
		"description": "Stripe live secret key",
	},
	"google-api-key": {
		"regex": `\bAIza[0-9A-Za-z_-]{35}`,
		"description": "Google API key",
	},
	"gitlab-token": {
		"regex": `\bglpat-[0-9A-Za-z_-]{20,}`,
		"description": "GitLab personal access token",
	},
	"npm-token": {
		"regex": `\bnpm_[A-Za-z0-9]{36}\b`,
		"description": "npm access token",
	},
}

# find_patterns yields {"path", "pattern", "value"} for every known
# credential format in any string of doc (object keys are not searched).
# AWS documentation examples (AKIAIOSFODNN7EXAMPLE) are ignored.
find_patterns(doc) := {m |
	# tollgate.strings walks the document in Go and keeps only the strings
	# the prefilter lets through: almost none.
	some [path, value] in tollgate.strings(doc, "", _prefilter)
	some id, p in credential_patterns
	some match in regex.find_n(p.regex, value, -1)
	not contains(match, "EXAMPLE")
	m := {"path": path, "pattern": id, "value": match}
}

# _prefilter holds a literal every credential pattern requires. It is much
# cheaper to run on every string than the patterns themselves; a test keeps
# it covering each of them.
_prefilter := `A3T|AKIA|ASIA|ABIA|ACCA|PRIVATE KEY|gh[pousr]_|github_pat_|xox[baprs]-|hooks\.slack\.com|k_live_|AIza|glpat-|npm_`

# matches returns the known credential formats found in one string.
matches(s) := {{"pattern": id, "value": match} |
	is_string(s)
	some id, p in credential_patterns
	some match in regex.find_n(p.regex, s, -1)
	not contains(match, "EXAMPLE")
}

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
