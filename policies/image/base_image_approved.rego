# METADATA
# title: Base image is approved
# description: >-
#   The image must be built on one of the organisation's approved base
#   images (and one of the approved digests when the entry lists digests).
#   The base comes from the org.opencontainers.image.base.* annotations or
#   from matching the image's first layers against the approved images.
#   Evaluated only when approved_base_images is configured.
# schemas:
#   - input: schema.image
# custom:
#   id: container-base-image-approved
#   severity: high
#   theme: base-image
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Rebuild the image FROM an image matching an approved_base_images pattern in
#     .tollgate.yaml, at an approved digest when the entry lists digests.
package tollgate.image.base_image_approved

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	containers.approval_configured
	input.base != null
	ref := containers.parse_ref(input.base.name)
	digest := _digest(input.base, ref.digest)
	problem := containers.approval_problem(ref, digest)
	f := {
		"resource": input.resource,
		"path": ["base", "name"],
		"message": sprintf("Base image %s (from %s) is not approved: %s", [input.base.name, _source(input.base), problem]),
	}
}

# The digest from the base annotation, else the one in the name.
_digest(base, _) := base.digest if object.get(base, "digest", "") != ""

_digest(base, from_name) := from_name if object.get(base, "digest", "") == ""

_source(base) := "image annotations" if base.source == "annotation"

else := "matching layers"
