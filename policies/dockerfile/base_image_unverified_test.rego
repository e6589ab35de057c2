package tollgate.dockerfile.base_image_unverified_test

import rego.v1

import data.tollgate.dockerfile.base_image_unverified

_alpine := {"raw": "alpine:3.20", "image": "docker.io/library/alpine:3.20", "registry": "docker.io", "repository": "library/alpine", "tag": "3.20", "tag_defaulted": false, "digest": "", "stage_ref": false, "scratch": false, "unresolved": false}

_doc(from) := {"final_stage": 0, "args": {"REGISTRY": {"__unknown__": true, "expr": "ARG REGISTRY"}}, "stages": [{"index": 0, "resource": "app", "from": from, "instructions": [], "user": null}]}

test_unresolved_reference if {
	from := {"raw": "${REGISTRY}/python:${TAG}", "image": "${REGISTRY}/python:${TAG}", "stage_ref": false, "scratch": false, "unresolved": true, "unresolved_args": ["REGISTRY", "TAG"]}
	base_image_unverified.deny == {{
		"resource": "app",
		"path": ["stages", 0, "from", "image"],
		"message": "Base image ${REGISTRY}/python:${TAG} cannot be verified: no value for build argument REGISTRY, TAG",
	}} with input as _doc(from)
}

test_resolved_reference if {
	count(base_image_unverified.deny) == 0 with input as _doc(_alpine)
}
