package tollgate.image.base_image_unverified_test

import rego.v1

import data.tollgate.image.base_image_unverified

test_unknown_base_with_config if {
	base_image_unverified.deny == {{
		"resource": "app:1",
		"path": ["base"],
		"message": "The image's base cannot be verified: no base-image annotation and no approved image matches its layers",
	}} with input as {"resource": "app:1", "base": null} with data.tollgate.config as {"approved_base_images": [{"pattern": "alpine"}]}
	count(base_image_unverified.deny) == 1 with input as {"resource": "app:1", "base": null} with data.tollgate.config as {"allowed_registries": ["docker.io"]}
}

test_known_base_or_no_config if {
	count(base_image_unverified.deny) == 0 with input as {"resource": "app:1", "base": null}
	count(base_image_unverified.deny) == 0 with input as {"resource": "app:1", "base": {"name": "alpine", "digest": "", "source": "layers"}} with data.tollgate.config as {"approved_base_images": [{"pattern": "alpine"}]}
}
