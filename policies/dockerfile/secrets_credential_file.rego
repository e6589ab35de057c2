# METADATA
# title: No credential files copied into the image
# description: >-
#   COPY or ADD of a private key, key store, .env, .npmrc, .pypirc, .netrc,
#   .git-credentials, cloud or package registry credentials or a docker
#   config puts the credential in an image layer, where it stays even if a
#   later step deletes it. The credential files are those of the list the
#   image rule uses too (policies/lib/credential_files.rego); files whose
#   name does not say credential, whose content alone could tell (an AWS
#   config, a .tfvars, Maven or Gradle settings), are not findings here.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: container-secrets-credential-file
#   severity: high
#   theme: secrets
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Do not copy the file; mount it for the one step that needs it
#     (RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci, or
#     RUN --mount=type=ssh for SSH keys) and list it in .dockerignore.
package tollgate.dockerfile.secrets_credential_file

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	some i, st in input.stages
	some j, ins in st.instructions
	ins.cmd in {"copy", "add"}
	count(ins.heredocs) == 0
	some src in array.slice(ins.value, 0, count(ins.value) - 1)
	not regex.match(`^(?i)[a-z][a-z0-9+.-]*://`, src)
	containers.credential_source_name(src)
	f := {
		"resource": st.resource,
		"path": ["stages", i, "instructions", j],
		"message": sprintf("%s copies credential file %s into the image", [upper(ins.cmd), src]),
	}
}
