# METADATA
# title: Base image comes from an allowed registry
# description: >-
#   The image's base (from its annotations or matching layers) must come from
#   a registry in allowed_registries. Evaluated only when allowed_registries
#   is configured.
# schemas:
#   - input: schema.image
# custom:
#   id: container-base-image-registry-allowed
#   severity: high
#   theme: base-image
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Rebuild the image FROM a base pulled through a registry listed in
#     allowed_registries in .tollgate.yaml.
package tollgate.image.base_image_registry

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	containers.registries_configured
	input.base != null
	ref := containers.parse_ref(input.base.name)
	not containers.registry_allowed(ref.registry)
	f := {
		"resource": input.resource,
		"path": ["base", "name"],
		"message": sprintf("Base image %s comes from registry %s, which is not in allowed_registries", [input.base.name, ref.registry]),
	}
}
