# METADATA
# title: No known credential formats in the Dockerfile or image
# description: >-
#   Access keys, tokens and private keys written anywhere in a Dockerfile
#   (RUN commands, heredocs, ENV, LABEL, URLs) end up in the image or its
#   history and in the repository. Found by the detector that checks every
#   file (gitleaks' default rules and database URLs with a password).
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: container-secrets-known-pattern
#   severity: high
#   theme: secrets
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Revoke the credential, remove it from the Dockerfile and its git history,
#     and pass it at build time with RUN --mount=type=secret,id=<name>
#     (docker build --secret id=<name>,src=<file>).
package tollgate.dockerfile.secrets_known_pattern

import rego.v1

import data.tollgate.lib.secrets

deny contains f if {
	some i, st in input.stages
	some j, ins in st.instructions
	text := concat("\n", array.concat([ins.original], [h.content | some h in ins.heredocs]))
	some m in secrets.matches(text)
	f := secrets.with_secret(
		{
			"resource": st.resource,
			"path": ["stages", i, "instructions", j],
			"message": sprintf("%s found in %s instruction", [secrets.label(m), upper(ins.cmd)]),
		},
		m.value,
	)
}

deny contains f if {
	some name, value in input.args
	some m in secrets.matches(value)
	f := secrets.with_secret(
		{
			"resource": input.stages[0].resource,
			"path": ["args", name],
			"message": sprintf("%s found in ARG %s", [secrets.label(m), name]),
		},
		m.value,
	)
}
