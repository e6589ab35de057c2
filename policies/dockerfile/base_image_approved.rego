# METADATA
# title: Base image is approved
# description: >-
#   Every image a Dockerfile builds FROM (in every stage) must be one of the
#   organisation's approved base images, and one of the approved digests
#   when the approved entry lists digests. Evaluated only when
#   approved_base_images is configured.
#   COPY --from and RUN --mount=…,from= images (also as ONBUILD triggers)
#   are judged the same way, each at its own line.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: container-base-image-approved
#   severity: high
#   theme: base-image
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Build FROM an image matching an approved_base_images pattern in
#     .tollgate.yaml (for example FROM registry.example.com/golden/python:3.12@sha256:<approved digest>),
#     or ask the platform team to approve the image.
package tollgate.dockerfile.base_image_approved

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	containers.approval_configured
	some img in containers.external_images
	ref := containers.from_ref(img.from)
	problem := containers.approval_problem(ref, ref.digest)
	f := {
		"resource": img.resource,
		"path": img.path,
		"message": sprintf("%s %s is not approved: %s", [img.label, img.from.image, problem]),
	}
}

# An image whose reference uses a build argument without value cannot be
# judged: undecided (reported with unknown: block).
deny contains u if {
	containers.approval_configured
	some u in containers.undecided_images
}
