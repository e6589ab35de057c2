# METADATA
# title: No plaintext credentials in resource properties
# description: >-
#   A credential written as a literal resource argument (password,
#   master_password, auth_token, secret_string, user[].password,
#   client_secret, ...) is readable by everyone who can read the repository,
#   is stored in plaintext in the Terraform state, and cannot be rotated
#   without a code change. The same holds for a non-sensitive variable whose
#   default or tfvars value is the literal. Values from sensitive variables,
#   from other resources (random_password, aws_secretsmanager_secret_version)
#   and from data sources are not reported. An aws_ssm_parameter of type
#   SecureString with a literal value is reported whatever its name: the
#   type says the value is a secret, and it is still in the code and state.
#   Lambda environment variables and ECS/Batch container definitions are
#   checked by aws-secrets-environment-variable; tags are not checked. Not
#   credentials: arguments whose name only uses a credential noun as a
#   modifier (secret_arn, token_url, password_reuse_prevention), keys and
#   values inside an IAM policy statement's Condition
#   (token.actions.githubusercontent.com:aud), arguments of blocks that
#   configure credentials (token_validity_units), numbers, booleans and
#   values public by their shape (certificates and public keys, domains, IAM
#   condition keys, URLs without credentials).
# custom:
#   id: aws-secrets-hardcoded-property
#   severity: critical
#   theme: secrets
#   formats: [terraform, terraform-plan]
#   remediation: >-
#     Remove the literal and rotate the exposed credential. RDS/Aurora/Redshift:
#     manage_master_user_password = true; otherwise generate it (random_password,
#     ephemeral resources or write-only *_wo arguments) or read it from
#     Secrets Manager (data.aws_secretsmanager_secret_version) or a variable
#     declared with sensitive = true and supplied at apply time.
package tollgate.terraform.secrets_hardcoded_property

import rego.v1

import data.tollgate.lib.credential_names
import data.tollgate.lib.secrets
import data.tollgate.lib.tf
import data.tollgate.lib.tf_integrity

deny contains f if {
	some i, r in input.resources
	r.mode == "managed"
	tf_integrity.own_module(object.get(r, "module", ""))
	some [path, value] in secrets.literals(r.values)
	not excluded(r.type, path)
	not credential_names.non_credential_path(path)
	secrets.secret_name(argument_name(path))
	some secret in secrets.plaintext_values(value)
	f := secrets.with_secret(
		tf.finding(i, path, sprintf("%s argument %s holds a plaintext credential", [r.type, argument_name_path(path)])),
		secret,
	)
}

# A SecureString parameter's value is a secret whatever its name.
deny contains f if {
	some i, r in tf.resources("aws_ssm_parameter")
	tf_integrity.own_module(object.get(r, "module", ""))
	secure_or_secret(r)
	some secret in secrets.plaintext_values(tf.value(r, ["value"], null))
	f := secrets.with_secret(
		tf.finding(i, ["value"], sprintf("SSM parameter %s holds a plaintext credential", [parameter_name(r)])),
		secret,
	)
}

# An API Gateway API key's value is the key itself.
deny contains f if {
	some i, r in tf.resources("aws_api_gateway_api_key")
	tf_integrity.own_module(object.get(r, "module", ""))
	some secret in secrets.plaintext_values(tf.value(r, ["value"], null))
	f := secrets.with_secret(
		tf.finding(i, ["value"], "aws_api_gateway_api_key argument value holds a plaintext credential"),
		secret,
	)
}

# An unknown type or name (a variable, a conditional) decides nothing here.
secure_or_secret(r) if {
	t := tf.value(r, ["type"], "")
	is_string(t)
	upper(t) == "SECURESTRING"
}

secure_or_secret(r) if {
	name := tf.value(r, ["name"], "")
	is_string(name)
	segments := split(name, "/")
	secrets.secret_name(segments[count(segments) - 1])
}

parameter_name(r) := n if {
	n := tf.value(r, ["name"], "")
	is_string(n)
	n != ""
} else := r.address

# argument_name is the name that says what a value is: the last argument or
# map key on the path, skipping list indices (passwords = ["..."]).
argument_name(path) := path[count(path) - 1] if is_string(path[count(path) - 1])

argument_name(path) := path[count(path) - 2] if {
	is_number(path[count(path) - 1])
	count(path) > 1
	is_string(path[count(path) - 2])
}

# Lambda environment variables are aws-secrets-environment-variable's;
# tags describe a resource and are not credentials.
excluded("aws_lambda_function", path) if path[0] == "environment"

excluded(_, path) if path[0] in {"tags", "tags_all"}

# The SecureString and API key rules above report these values once.
excluded("aws_ssm_parameter", ["value"])

excluded("aws_api_gateway_api_key", ["value"])

# argument_name_path renders user[0].password.
argument_name_path(path) := concat("", [part |
	some k, p in path
	part := path_part(k, p)
])

path_part(_, p) := sprintf("[%d]", [p]) if is_number(p)

path_part(0, p) := p if is_string(p)

path_part(k, p) := sprintf(".%s", [p]) if {
	k > 0
	is_string(p)
}
