package tollgate.dockerfile.base_image_registry_test

import rego.v1

import data.tollgate.dockerfile.base_image_registry

_alpine := {"raw": "alpine:3.20", "image": "docker.io/library/alpine:3.20", "registry": "docker.io", "repository": "library/alpine", "tag": "3.20", "tag_defaulted": false, "digest": "", "stage_ref": false, "scratch": false, "unresolved": false}

_doc(from) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": from, "instructions": [], "user": null}]}

test_registry_not_allowed if {
	base_image_registry.deny == {{
		"resource": "app",
		"path": ["stages", 0, "from", "image"],
		"message": "Base image docker.io/library/alpine:3.20 comes from registry docker.io, which is not in allowed_registries",
	}} with input as _doc(_alpine) with data.tollgate.config as {"allowed_registries": ["registry.example.com"]}
}

test_registry_allowed if {
	count(base_image_registry.deny) == 0 with input as _doc(_alpine) with data.tollgate.config as {"allowed_registries": ["index.docker.io"]}
}

test_no_list_no_finding if {
	count(base_image_registry.deny) == 0 with input as _doc(_alpine)
}

test_unresolved_not_judged if {
	from := {"raw": "${REG}/app", "image": "${REG}/app", "stage_ref": false, "scratch": false, "unresolved": true, "unresolved_args": ["REG"]}
	count(base_image_registry.deny) == 0 with input as _doc(from) with data.tollgate.config as {"allowed_registries": ["registry.example.com"]}
}

_ext_doc(from, ext) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": from, "user": null, "instructions": [
	{"cmd": "copy", "line": 2, "external_images": [ext]},
]}]}

test_copy_from_registry_not_allowed if {
	mirror := object.union(_alpine, {"registry": "registry.example.com", "image": "registry.example.com/library/alpine:3.20"})
	tools := object.union(_alpine, {"kind": "onbuild copy", "raw": "ghcr.io/x/tools:1", "image": "ghcr.io/x/tools:1", "registry": "ghcr.io", "repository": "x/tools", "tag": "1"})
	base_image_registry.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0, "external_images", 0, "image"],
		"message": "ONBUILD COPY --from image ghcr.io/x/tools:1 comes from registry ghcr.io, which is not in allowed_registries",
	}} with input as _ext_doc(mirror, tools) with data.tollgate.config as {"allowed_registries": ["registry.example.com"]}
}

test_unresolved_copy_from_not_judged if {
	mirror := object.union(_alpine, {"registry": "registry.example.com", "image": "registry.example.com/library/alpine:3.20"})
	unres := {"kind": "copy", "raw": "${TOOLS}", "image": "${TOOLS}", "stage_ref": false, "scratch": false, "unresolved": true, "unresolved_args": ["TOOLS"]}
	count(base_image_registry.deny) == 0 with input as _ext_doc(mirror, unres) with data.tollgate.config as {"allowed_registries": ["registry.example.com"]}
}
