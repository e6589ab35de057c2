# METADATA
# title: Base image is approved
# description: >-
#   Every image a Dockerfile builds FROM (in every stage) must be one of the
#   organisation's approved base images, and one of the approved digests
#   when the approved entry lists digests. Evaluated only when
#   approved_base_images is configured.
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
	some i, st in input.stages
	containers.external_from(st.from)
	ref := containers.from_ref(st.from)
	problem := containers.approval_problem(ref, ref.digest)
	f := {
		"resource": st.resource,
		"path": containers.from_path(i),
		"message": sprintf("Base image %s is not approved: %s", [st.from.image, problem]),
	}
}
