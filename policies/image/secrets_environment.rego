# METADATA
# title: No credentials in environment variables or build arguments
# description: >-
#   Environment variables in the image config are readable by anyone who can
#   pull the image (docker inspect). A credential-named variable with a
#   literal value ships that credential.
# schemas:
#   - input: schema.image
# custom:
#   id: container-secrets-environment
#   severity: high
#   theme: secrets
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Remove the variable from the image (the ENV in its Dockerfile) and provide the
#     secret at run time from the orchestrator's secret store, or at build time with
#     RUN --mount=type=secret.
package tollgate.image.secrets_environment

import rego.v1

import data.tollgate.lib.secrets

deny contains f if {
	some i, e in input.config.env
	parts := split(e, "=")
	name := parts[0]
	value := concat("=", array.slice(parts, 1, count(parts)))
	secrets.secret_name(name)
	secrets.literal_secret(value)
	f := secrets.with_secret(
		{
			"resource": input.resource,
			"path": ["config", "env", i],
			"message": sprintf("Environment variable %s in the image config has a literal credential value", [name]),
		},
		value,
	)
}
