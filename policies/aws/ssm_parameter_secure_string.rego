# METADATA
# title: SSM parameters that hold credentials are SecureString
# description: >-
#   A String or StringList parameter is stored and returned unencrypted:
#   anyone with ssm:GetParameter (or the console) reads it, and it is not
#   encrypted with KMS. A parameter is reported when the last segment of its
#   name is a credential (db_password, ApiKey; judged like every credential
#   name, so PasswordLength or TokenUrl are not) or when its value holds a
#   known credential format (an access key, a private key, a token), whatever
#   fills the value: a literal, a NoEcho parameter, a generated password or
#   a {{resolve:secretsmanager:...}} reference, which copies the secret into
#   the plaintext parameter.
#   The value is never printed. CloudFormation cannot create SecureString
#   parameters, so there the fix is Secrets Manager or an ssm-secure
#   reference. A literal credential is also reported by
#   aws-secrets-hardcoded-property.
# custom:
#   id: aws-ssm-parameter-secure-string
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::SSM::Parameter", "aws_ssm_parameter"]
#   remediation: >-
#     Terraform: set type = "SecureString" (with key_id a customer-managed
#     key). CloudFormation cannot create SecureString parameters: keep the
#     credential in an AWS::SecretsManager::Secret (GenerateSecretString) and
#     read it with {{resolve:secretsmanager:...}}, or create the SecureString
#     outside the template and read it with {{resolve:ssm-secure:name:version}}.
package tollgate.aws.ssm_parameter_secure_string

import rego.v1

import data.tollgate.lib.credential_values
import data.tollgate.lib.secrets
import data.tollgate.lib.view

fix := {
	"cloudformation": "CloudFormation cannot create SecureString parameters: keep the credential in an AWS::SecretsManager::Secret (GenerateSecretString) and read it with {{resolve:secretsmanager:...}}, or create the SecureString parameter outside the template and read it with {{resolve:ssm-secure:name:version}}.",
	"terraform": "Set type = \"SecureString\" (with key_id a customer-managed KMS key), and supply the value from a sensitive source rather than a literal.",
}

_paths := {
	"cloudformation": {"type": "AWS::SSM::Parameter", "kind": ["Type"], "name": ["Name"], "values": [["Value"]]},
	"terraform": {"type": "aws_ssm_parameter", "kind": ["type"], "name": ["name"], "values": [["value"], ["insecure_value"]]},
}

# plain holds for a parameter type that stores the value unencrypted.
plain(t) if {
	is_string(t)
	upper(t) in {"STRING", "STRINGLIST"}
}

# parameters are the String and StringList parameters with their name.
parameters contains [v, spec, name] if {
	spec := _paths[view.family]
	some v in view.by_type[spec.type]
	plain(view.get(v.values, spec.kind))
	name := view.get(v.values, spec.name)
}

# credential_name holds when the last segment of the parameter's name is a
# credential name.
credential_name(name) if {
	is_string(name)
	segments := split(name, "/")
	secrets.secret_name(segments[count(segments) - 1])
}

# A value that names where a credential lives, or is public by its shape,
# is not the credential itself.
not_credential_value(x) if {
	is_string(x)
	regex.match(`^arn:aws[a-zA-Z-]*:[a-z0-9-]+:`, x)
}

not_credential_value(x) if {
	is_string(x)
	credential_values.public_value(x)
}

not_credential_value(x) if {
	is_string(x)
	trim_space(x) == ""
}

deny contains f if {
	some [v, spec, name] in parameters
	credential_name(name)
	some p in spec.values
	x := view.get(v.values, p)
	x != null
	not not_credential_value(x)
	msg := sprintf("SSM parameter %s is named as a credential but its type is %s, stored unencrypted", [name, view.get(v.values, spec.kind)])
	f := redacted(view.finding_at(v, spec.kind, msg, fix), x)
}

# redacted hands a literal credential to tollgate for redaction from every
# output (the finding points at the type, but outputs may show the source).
redacted(f, x) := secrets.with_secret(f, s) if {
	some s in secrets.plaintext_values(x)
} else := f

# A credential format in the value, whatever the name.
deny contains f if {
	some [v, spec, name] in parameters
	not credential_name(name)
	some p in spec.values
	x := view.get(v.values, p)
	is_string(x)
	some m in secrets.matches(x)
	msg := sprintf("SSM parameter %s holds a %s but its type is %s, stored unencrypted", [label(name, v), secrets.label(m), view.get(v.values, spec.kind)])
	f := secrets.with_secret(view.finding_at(v, spec.kind, msg, fix), m.value)
}

# label names the parameter in messages: its name, or the resource when
# the name is generated or unknown.
label(name, v) := name if is_string(name)

else := v.resource

# A dynamic reference resolves a secret at deploy time and stores it in the
# plaintext parameter: the reference keeps it out of the template, not out
# of the parameter.
deny contains f if {
	view.family == "cloudformation"
	some [v, spec, name] in parameters
	not credential_name(name)
	x := view.get(v.values, ["Value"])
	is_string(x)
	regex.match(`\{\{resolve:(secretsmanager|ssm-secure):`, x)
	msg := sprintf("SSM parameter %s copies a secret (a secretsmanager or ssm-secure reference) into a %s parameter, stored unencrypted", [label(name, v), view.get(v.values, spec.kind)])
	f := view.finding_at(v, spec.kind, msg, fix)
}
