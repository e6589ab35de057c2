# METADATA
# title: Credential parameters are NoEcho
# description: >-
#   A variable whose name says it holds a credential (db_password,
#   api_token, client_secret: a credential noun is the head of the name) and
#   is not declared sensitive = true is shown in plaintext in plan and apply
#   output and CI logs, and its value flows unmasked into every resource and
#   output that uses it. Not credentials: names where the noun only modifies
#   another head (db_secret_arn, password_length, token_audience,
#   parent_secret_stack), names about a certificate (cluster_auth_base64,
#   ca_cert), variables of type number or bool or a collection of them
#   (list(number), map(bool)), and variables of remote modules (not the
#   repository's code).
# custom:
#   id: aws-secrets-parameter-noecho
#   severity: high
#   theme: secrets
#   formats: [terraform]
#   resource_types: ["variable"]
#   remediation: >-
#     Add sensitive = true to the variable block (Terraform >= 0.14), or
#     drop the variable and read the secret from Secrets Manager
#     (data.aws_secretsmanager_secret_version) or let the service manage it
#     (manage_master_user_password = true).
package tollgate.terraform.variables_sensitive

import rego.v1

import data.tollgate.lib.secrets
import data.tollgate.lib.tf_integrity

deny contains f if {
	some i, v in input.variables
	credential_variable(i, v)
	v.sensitive != true
	f := {
		"resource": declaration(v),
		"path": ["variables", i, "sensitive"],
		"message": sprintf("Variable %s holds a credential but is not sensitive, so its value is shown in plaintext", [v.name]),
	}
}

# credential_variable holds for the first instance of a declaration whose
# variable carries a secret value: a module called with for_each or count
# declares each variable once, in one file.
credential_variable(i, v) if {
	tf_integrity.own_module(v.module)
	secrets.secret_name(v.name)
	not setting_type(object.get(v, "type", ""))
	not declared_before(i, v)
}

# A number or bool (or a collection of them: list(number), map(bool)) holds
# a setting such as password_length or enable_token_auth, never a secret.
setting_type(t) if {
	is_string(t)
	regex.match(`^(\s*(list|set|map|optional)\s*\()*\s*(number|bool)(\s*\))*\s*$`, t)
}

declared_before(i, v) if {
	some j, w in input.variables
	j < i
	declaration(w) == declaration(v)
}

# declaration is the variable's address without module instance keys
# (module.db["a"].var.password -> module.db.var.password).
declaration(v) := regex.replace(v.address, `\[[^\]]*\]`, "")
