package tollgate.image.base_image_registry_test

import rego.v1

import data.tollgate.image.base_image_registry

_doc(base) := {"resource": "app:1", "config": {}, "base": base}

test_registry_not_allowed if {
	base_image_registry.deny == {{
		"resource": "app:1",
		"path": ["base", "name"],
		"message": "Base image quay.io/org/base:1 comes from registry quay.io, which is not in allowed_registries",
	}} with input as _doc({"name": "quay.io/org/base:1", "digest": "", "source": "annotation"}) with data.tollgate.config as {"allowed_registries": ["registry.example.com"]}
}

test_allowed_or_unconfigured if {
	count(base_image_registry.deny) == 0 with input as _doc({"name": "alpine:3", "digest": "", "source": "annotation"}) with data.tollgate.config as {"allowed_registries": ["docker.io"]}
	count(base_image_registry.deny) == 0 with input as _doc({"name": "quay.io/org/base:1", "digest": "", "source": "annotation"})
	count(base_image_registry.deny) == 0 with input as _doc(null) with data.tollgate.config as {"allowed_registries": ["docker.io"]}
}
