# METADATA
# title: No credential files copied into the image
# description: >-
#   Private keys, cloud and registry credentials, .npmrc/.pypirc tokens,
#   .git-credentials, .netrc and .env files in the image's final filesystem
#   are readable by anyone who can pull the image. Files whose name suggests
#   a credential but whose content holds none (an .npmrc that only sets a
#   registry, a certificate) are not findings.
# schemas:
#   - input: schema.image
# custom:
#   id: container-secrets-credential-file
#   severity: high
#   theme: secrets
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Rebuild without the file: mount it only for the step that needs it
#     (RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci) and list it in
#     .dockerignore; revoke the credential, since the published image still holds it.
package tollgate.image.secrets_credential_file

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	some i, file in input.files
	some s in containers.file_secrets(file)
	f := {
		"resource": input.resource,
		"path": ["files", i],
		"message": sprintf("%s in %s (layer %d)", [s.kind, file.path, file.layer]),
		"secret": s.value,
	}
}

# Files whose presence is the problem even when tollgate cannot read the
# secret: SSH private keys too large to read, binary key stores.
deny contains f if {
	some i, file in input.files
	count(containers.file_secrets(file)) == 0
	_opaque_credential(file)
	f := {
		"resource": input.resource,
		"path": ["files", i],
		"message": sprintf("Credential file %s (layer %d) is in the image", [file.path, file.layer]),
	}
}

_opaque_credential(file) if containers.binary_key_store(file)

_opaque_credential(file) if {
	containers.private_key_name(file)
	not file.content
}
