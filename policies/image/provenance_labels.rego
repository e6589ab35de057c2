# METADATA
# title: Image declares its source and revision
# description: >-
#   With require_provenance_labels: true, an image must say where it was
#   built from: the org.opencontainers.image.source (repository URL) and
#   org.opencontainers.image.revision (commit) labels, or the manifest
#   annotations of the same names. Without them a running image cannot be
#   traced back to the code and commit it was built from.
# schemas:
#   - input: schema.image
# custom:
#   id: container-provenance-labels
#   severity: low
#   theme: integrity
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Set the labels at build time: docker buildx build --label
#     org.opencontainers.image.source=https://github.com/acme/app --label
#     org.opencontainers.image.revision=$(git rev-parse HEAD), or LABEL in
#     the Dockerfile from build arguments.
package tollgate.image.provenance_labels

import rego.v1

_required := ["org.opencontainers.image.source", "org.opencontainers.image.revision"]

deny contains f if {
	data.tollgate.config.require_provenance_labels == true
	missing := [k | some k in _required; not _declared(k)]
	count(missing) > 0
	f := {
		"resource": input.resource,
		"path": ["config", "labels"],
		"message": sprintf("The image declares no %s label (require_provenance_labels is set)", [concat(" or ", missing)]),
	}
}

_declared(k) if trim_space(object.get(input.config.labels, k, "")) != ""

_declared(k) if trim_space(object.get(input.annotations, k, "")) != ""
