# METADATA
# title: Base image can be verified
# description: >-
#   When approved base images or allowed registries are configured, an image
#   whose base is unknown (no org.opencontainers.image.base.name annotation
#   and no approved image whose layers it starts with) cannot be checked:
#   reported at low severity instead of passing silently.
# schemas:
#   - input: schema.image
# custom:
#   id: container-base-image-unverified
#   severity: low
#   theme: base-image
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Build with base-image annotations (docker buildx build adds
#     org.opencontainers.image.base.name and .digest with --annotation or
#     --provenance), or give the approved entry an image, tarball or layout
#     in .tollgate.yaml so tollgate can match the image's layers.
package tollgate.image.base_image_unverified

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	_configured
	input.base == null
	f := {
		"resource": input.resource,
		"path": ["base"],
		"message": "The image's base cannot be verified: no base-image annotation and no approved image matches its layers",
	}
}

_configured if containers.approval_configured

_configured if containers.registries_configured
