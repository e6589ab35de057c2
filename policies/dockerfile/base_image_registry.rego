# METADATA
# title: Base image comes from an allowed registry
# description: >-
#   Base images pulled from registries outside the allow-list bypass the
#   organisation's mirroring, scanning and availability guarantees.
#   Evaluated only when allowed_registries is configured.
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
	some i, st in input.stages
	containers.external_from(st.from)
	not containers.registry_allowed(st.from.registry)
	f := {
		"resource": st.resource,
		"path": containers.from_path(i),
		"message": sprintf("Base image %s comes from registry %s, which is not in allowed_registries", [st.from.image, st.from.registry]),
	}
}
