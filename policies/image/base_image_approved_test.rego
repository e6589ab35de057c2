package tollgate.image.base_image_approved_test

import rego.v1

import data.tollgate.image.base_image_approved

_cfg := {"approved_base_images": [
	{"pattern": "registry.example.com/golden/*"},
	{"pattern": "alpine:3.*", "digests": ["sha256:1111111111111111111111111111111111111111111111111111111111111111"]},
]}

_doc(base) := {"resource": "app:1", "config": {}, "base": base}

test_unapproved_annotation if {
	base_image_approved.deny == {{
		"resource": "app:1",
		"path": ["base", "name"],
		"message": "Base image docker.io/library/debian:12 (from image annotations) is not approved: docker.io/library/debian does not match any approved base image pattern",
	}} with input as _doc({"name": "docker.io/library/debian:12", "digest": "sha256:2222222222222222222222222222222222222222222222222222222222222222", "source": "annotation"}) with data.tollgate.config as _cfg
}

test_wrong_digest if {
	some f in base_image_approved.deny with input as _doc({"name": "alpine:3.20", "digest": "sha256:2222222222222222222222222222222222222222222222222222222222222222", "source": "annotation"}) with data.tollgate.config as _cfg
	f.message == "Base image alpine:3.20 (from image annotations) is not approved: docker.io/library/alpine is approved only at listed digests, and sha256:2222222222222222222222222222222222222222222222222222222222222222 is not one of them"
}

test_approved if {
	count(base_image_approved.deny) == 0 with input as _doc({"name": "alpine:3.20", "digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111", "source": "annotation"}) with data.tollgate.config as _cfg
	count(base_image_approved.deny) == 0 with input as _doc({"name": "registry.example.com/golden/python:3.12", "digest": "", "source": "layers"}) with data.tollgate.config as _cfg
	count(base_image_approved.deny) == 0 with input as _doc({"name": "alpine@sha256:1111111111111111111111111111111111111111111111111111111111111111", "digest": "", "source": "annotation"}) with data.tollgate.config as _cfg
}

test_unknown_base_or_no_config if {
	count(base_image_approved.deny) == 0 with input as _doc(null) with data.tollgate.config as _cfg
	count(base_image_approved.deny) == 0 with input as _doc({"name": "debian:12", "digest": "", "source": "annotation"})
}
