# METADATA
# title: Credential parameters have no default
# description: >-
#   A Default on a parameter whose name says it holds a credential writes the
#   credential into the template in plaintext, where everyone who can read the
#   repository or the stack's template can see it. NoEcho does not help: it
#   hides the value in the console, not in the template. Parameters are
#   credentials as aws-secrets-parameter-noecho decides; a default that is a
#   number, a boolean, a reference or public by its shape (a certificate, a
#   domain, a URL without credentials) is not reported.
# custom:
#   id: aws-secrets-parameter-default
#   severity: critical
#   theme: secrets
#   formats: [cloudformation]
#   remediation: >-
#     Remove Default from the parameter and rotate the exposed credential;
#     supply the value at deploy time, or read it with a
#     {{resolve:secretsmanager:<secret-id>:SecretString:<key>}} dynamic reference.
package tollgate.cloudformation.parameters_default

import rego.v1

import data.tollgate.cloudformation.parameters_noecho
import data.tollgate.lib.secrets

deny contains f if {
	some name, p in input.Parameters
	parameters_noecho.credential_parameter(name, p)
	secrets.literal_secret(p.Default)
	f := secrets.with_secret(
		{
			"resource": name,
			"path": ["Parameters", name, "Default"],
			"message": sprintf("Parameter %s has a plaintext credential as its Default", [name]),
		},
		p.Default,
	)
}
