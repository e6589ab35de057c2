# METADATA
# title: No known credential formats in the Dockerfile or image
# description: >-
#   Access keys, tokens and private keys in the image config (environment,
#   labels, entrypoint, command), in its history (the build commands, which
#   record ARG values) or in small text files of the layers (up to 64 KiB,
#   outside system paths, checked with the detector that checks every file)
#   are readable by anyone who can pull the image. Credential files already reported by
#   container-secrets-credential-file are not reported again.
# schemas:
#   - input: schema.image
# custom:
#   id: container-secrets-known-pattern
#   severity: high
#   theme: secrets
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Revoke the credential and rebuild without it: pass build secrets with
#     RUN --mount=type=secret and runtime secrets from the orchestrator's secret store.
package tollgate.image.secrets_known_pattern

import rego.v1

import data.tollgate.lib.containers
import data.tollgate.lib.secrets

deny contains f if {
	some m in secrets.find_patterns({"config": object.remove(input.config, ["env_map"]), "history": input.history})
	f := secrets.with_secret(
		{
			"resource": input.resource,
			"path": m.path,
			"message": sprintf("%s found in the image %s", [secrets.label(m), _where(m.path)]),
		},
		m.value,
	)
}

deny contains f if {
	some i, file in input.files
	count(containers.file_secrets(file)) == 0
	object.get(file, "content_encoding", "") != "base64"
	some m in secrets.matches(object.get(file, "content", ""))
	f := secrets.with_secret(
		{
			"resource": input.resource,
			"path": ["files", i],
			"message": sprintf("%s found in %s (layer %d)", [secrets.label(m), file.path, file.layer]),
		},
		m.value,
	)
}

_where(path) := "history" if path[0] == "history"

else := sprintf("config %s", [path[1]])
