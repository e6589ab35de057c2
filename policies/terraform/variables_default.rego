# METADATA
# title: Credential parameters have no default
# description: >-
#   A default on a variable whose name says it holds a credential writes the
#   credential into the code in plaintext, where everyone who can read the
#   repository can see it. sensitive = true does not help: it masks the
#   value in output, not in the code. Variables are credentials as
#   aws-secrets-parameter-noecho decides; a default that is a number, a
#   boolean or public by its shape (a certificate such as an EKS cluster's
#   base64 CA, a domain, a URL without credentials) is not reported.
# custom:
#   id: aws-secrets-parameter-default
#   severity: critical
#   theme: secrets
#   formats: [terraform]
#   resource_types: ["variable"]
#   remediation: >-
#     Remove default from the variable and rotate the exposed credential;
#     supply the value at apply time (TF_VAR_<name> from the CI secret
#     store) or read it from Secrets Manager.
package tollgate.terraform.variables_default

import rego.v1

import data.tollgate.lib.secrets
import data.tollgate.terraform.variables_sensitive

deny contains f if {
	some i, v in input.variables
	v.has_default == true
	variables_sensitive.credential_variable(i, v)
	some secret in secrets.plaintext_values(v["default"])
	f := secrets.with_secret(
		{
			"resource": variables_sensitive.declaration(v),
			"path": ["variables", i, "default"],
			"message": sprintf("Variable %s has a plaintext credential as its default", [v.name]),
		},
		secret,
	)
}
