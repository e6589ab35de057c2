package tollgate.dockerfile.base_image_latest_test

import rego.v1

import data.tollgate.dockerfile.base_image_latest

_alpine := {"raw": "alpine:3.20", "image": "docker.io/library/alpine:3.20", "registry": "docker.io", "repository": "library/alpine", "tag": "3.20", "tag_defaulted": false, "digest": "", "stage_ref": false, "scratch": false, "unresolved": false}

_doc(from) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": from, "instructions": [], "user": null}]}

test_untagged if {
	from := object.union(_alpine, {"raw": "alpine", "image": "docker.io/library/alpine:latest", "tag": "latest", "tag_defaulted": true})
	base_image_latest.deny == {{
		"resource": "app",
		"path": ["stages", 0, "from", "image"],
		"message": "Base image alpine has no tag, so Docker pulls latest",
	}} with input as _doc(from)
}

test_explicit_latest if {
	from := object.union(_alpine, {"raw": "alpine:latest", "image": "docker.io/library/alpine:latest", "tag": "latest"})
	base_image_latest.deny == {{
		"resource": "app",
		"path": ["stages", 0, "from", "image"],
		"message": "Base image docker.io/library/alpine:latest uses the mutable latest tag",
	}} with input as _doc(from)
}

test_version_tag if {
	count(base_image_latest.deny) == 0 with input as _doc(_alpine)
}

test_latest_with_digest_is_pinned if {
	from := object.union(_alpine, {"tag": "latest", "digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111"})
	count(base_image_latest.deny) == 0 with input as _doc(from)
	untagged := object.union(_alpine, {"tag": "", "digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111"})
	count(base_image_latest.deny) == 0 with input as _doc(untagged)
}

test_unresolved_not_judged if {
	from := {"raw": "$B", "image": "$B", "stage_ref": false, "scratch": false, "unresolved": true, "unresolved_args": ["B"]}
	count(base_image_latest.deny) == 0 with input as _doc(from)
}

_ext_doc(from, ext) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": from, "user": null, "instructions": [
	{"cmd": "copy", "line": 2, "external_images": [ext]},
]}]}

test_copy_from_untagged_and_latest if {
	untagged := object.union(_alpine, {"kind": "copy", "raw": "busybox", "image": "docker.io/library/busybox:latest", "repository": "library/busybox", "tag": "latest", "tag_defaulted": true})
	base_image_latest.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0, "external_images", 0, "image"],
		"message": "COPY --from image busybox has no tag, so Docker pulls latest",
	}} with input as _ext_doc(_alpine, untagged)
	latest := object.union(untagged, {"kind": "mount", "raw": "busybox:latest", "tag_defaulted": false})
	base_image_latest.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0, "external_images", 0, "image"],
		"message": "RUN --mount image docker.io/library/busybox:latest uses the mutable latest tag",
	}} with input as _ext_doc(_alpine, latest)
}

test_unresolved_base_is_undecided_when_asked if {
	from := {"raw": "${BASE}", "image": "${BASE}", "stage_ref": false, "scratch": false, "unresolved": true, "unresolved_args": ["BASE"]}
	count(base_image_latest.deny) == 0 with input as _doc(from)
	base_image_latest.deny == {{
		"resource": "app",
		"path": ["stages", 0, "from", "image"],
		"undecided": {"field": "Base image", "value": "${BASE}", "reason": "build argument BASE without value"},
	}} with input as _doc(from) with data.tollgate.config.unknown as "block"
}
