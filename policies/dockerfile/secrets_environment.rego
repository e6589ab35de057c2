# METADATA
# title: No credentials in environment variables or build arguments
# description: >-
#   ENV values are stored in the image config and ARG values in its history:
#   anyone who can pull the image can read them. A credential-named ENV or
#   ARG with a literal value ships that credential. ARG without a default,
#   and values that only reference other variables ($TOKEN, ${TOKEN}), are
#   not findings.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: container-secrets-environment
#   severity: high
#   theme: secrets
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Remove the value and pass the secret at build time with a secret mount
#     (RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci,
#     docker build --secret id=npm_token,env=NPM_TOKEN), or at run time from the orchestrator's secret store.
package tollgate.dockerfile.secrets_environment

import rego.v1

import data.tollgate.lib.secrets

deny contains f if {
	some i, st in input.stages
	some j, ins in st.instructions
	ins.cmd in {"env", "arg"}
	some p in ins.pairs
	secrets.secret_name(p.key)
	secrets.literal_secret(p.value)
	f := secrets.with_secret(
		{
			"resource": st.resource,
			"path": ["stages", i, "instructions", j],
			"message": sprintf("%s %s has a literal credential value", [upper(ins.cmd), p.key]),
		},
		p.value,
	)
}

# Global ARGs (before the first FROM) are visible to every stage that
# redeclares them; the waiver comment above them applies to every stage.
deny contains f if {
	some name, value in input.args
	secrets.secret_name(name)
	secrets.literal_secret(value)
	f := secrets.with_secret(
		{
			"resource": input.stages[0].resource,
			"path": ["args", name],
			"message": sprintf("ARG %s has a literal credential value", [name]),
		},
		value,
	)
}
