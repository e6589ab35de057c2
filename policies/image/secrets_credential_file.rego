# METADATA
# title: No credential files copied into the image
# description: >-
#   Private keys, key stores, cloud, registry and package manager
#   credentials, .npmrc/.pypirc tokens, .git-credentials, .netrc and .env
#   files in the image's final filesystem are readable by anyone who can
#   pull the image. The credential files are those of the list the
#   Dockerfile rule uses too (policies/lib/credential_files.rego). The
#   content decides where tollgate can read it: a file whose name suggests
#   a credential but whose content holds none (an .npmrc that only sets a
#   registry, a .tfvars without secrets, a certificate) is not a finding.
#   Key stores and token databases are findings by their presence, and so
#   is a credential-named file too large to read (over 64 KiB).
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
# secret: key stores, token databases, and files whose name says
# credential but that are too large to read (lib/credential_files).
deny contains f if {
	some i, file in input.files
	count(containers.file_secrets(file)) == 0
	containers.present_credential(file)
	f := {
		"resource": input.resource,
		"path": ["files", i],
		"message": sprintf("Credential file %s (layer %d) is in the image", [file.path, file.layer]),
	}
}
