package tollgate.image.base_image_latest_test

import rego.v1

import data.tollgate.image.base_image_latest

_input(name, source) := {"resource": "app:1", "base": {"name": name, "digest": "sha256:5f1a", "source": source}}

test_untagged_base if {
	base_image_latest.deny == {{
		"resource": "app:1",
		"path": ["base", "name"],
		"message": "Base image docker.io/library/debian (from image annotations) has no tag, so it was built on whatever latest was",
	}} with input as _input("docker.io/library/debian", "annotation")
}

test_latest_base if {
	{f.message | some f in base_image_latest.deny} == {"Base image registry.example.com:5000/golden/debian:latest (from image annotations) uses the mutable latest tag"} with input as _input("registry.example.com:5000/golden/debian:latest", "annotation")
}

test_tagged_or_pinned_base if {
	count(base_image_latest.deny) == 0 with input as _input("docker.io/library/debian:12", "annotation")
	count(base_image_latest.deny) == 0 with input as _input("docker.io/library/debian@sha256:5f1a", "annotation")
	count(base_image_latest.deny) == 0 with input as _input("debian:latest@sha256:5f1a", "annotation")
}

# A base found by matching layers is named by the configured pattern, not
# by what the build pulled.
test_layer_match_and_unknown_base if {
	count(base_image_latest.deny) == 0 with input as _input("registry.example.com/golden/debian", "layers")
	count(base_image_latest.deny) == 0 with input as {"resource": "app:1", "base": null}
}

# An image built FROM scratch records scratch as its base: the empty image
# has no tag to pin (a release image of tollgate itself was flagged).
test_scratch_base if {
	count(base_image_latest.deny) == 0 with input as _input("scratch", "annotation")
	count(base_image_latest.deny) == 0 with input as _input("SCRATCH", "annotation")
}
