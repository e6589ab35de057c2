# METADATA
# title: Base image comes from an allowed registry
# description: >-
#   Base images pulled from registries outside the allow-list bypass the
#   organisation's mirroring, scanning and availability guarantees.
#   Evaluated only when allowed_registries is configured.
#   COPY --from and RUN --mount=…,from= images (also as ONBUILD triggers)
#   are judged the same way, each at its own line.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: container-base-image-registry-allowed
#   severity: high
#   theme: base-image
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Pull the base image through a registry listed in allowed_registries in
#     .tollgate.yaml (for example FROM registry.example.com/mirror/alpine:3.20).
package tollgate.dockerfile.base_image_registry

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	containers.registries_configured
	some img in containers.external_images
	not containers.registry_allowed(img.from.registry)
	f := {
		"resource": img.resource,
		"path": img.path,
		"message": sprintf("%s %s comes from registry %s, which is not in allowed_registries", [img.label, img.from.image, img.from.registry]),
	}
}

# An image whose reference uses a build argument without value cannot be
# judged: undecided (reported with unknown: block).
deny contains u if {
	containers.registries_configured
	some u in containers.undecided_images
}
