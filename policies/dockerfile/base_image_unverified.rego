# METADATA
# title: Base image can be verified
# description: >-
#   A FROM whose reference uses a build argument without a value cannot be
#   checked for approval, registry, tag or digest: the image is decided
#   only when the build runs. Reported at low severity instead of passing
#   silently, because the base-image controls could not run.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: container-base-image-unverified
#   severity: low
#   theme: base-image
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Give the ARG a default (ARG BASE_IMAGE=registry.example.com/golden/python:3.12),
#     or pass the value CI builds with to tollgate (--build-arg BASE_IMAGE=...).
package tollgate.dockerfile.base_image_unverified

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	some i, st in input.stages
	st.from.unresolved == true
	f := {
		"resource": st.resource,
		"path": containers.from_path(i),
		"message": sprintf("Base image %s cannot be verified: no value for build argument %s", [st.from.raw, concat(", ", st.from.unresolved_args)]),
	}
}
