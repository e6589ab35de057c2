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
