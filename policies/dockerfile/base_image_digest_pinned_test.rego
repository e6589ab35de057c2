package tollgate.dockerfile.base_image_digest_pinned_test

import rego.v1

import data.tollgate.dockerfile.base_image_digest_pinned

_alpine := {"raw": "alpine:3.20", "image": "docker.io/library/alpine:3.20", "registry": "docker.io", "repository": "library/alpine", "tag": "3.20", "tag_defaulted": false, "digest": "", "stage_ref": false, "scratch": false, "unresolved": false}

_doc(from) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": from, "instructions": [], "user": null}]}

test_tag_only_when_required if {
	base_image_digest_pinned.deny == {{
		"resource": "app",
		"path": ["stages", 0, "from", "image"],
		"message": "Base image docker.io/library/alpine:3.20 is not pinned by digest (require_digest_pinning is set)",
	}} with input as _doc(_alpine) with data.tollgate.config as {"require_digest_pinning": true}
}

test_digest_pinned if {
	from := object.union(_alpine, {"digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111"})
	count(base_image_digest_pinned.deny) == 0 with input as _doc(from) with data.tollgate.config as {"require_digest_pinning": true}
}

test_not_required if {
	count(base_image_digest_pinned.deny) == 0 with input as _doc(_alpine)
	count(base_image_digest_pinned.deny) == 0 with input as _doc(_alpine) with data.tollgate.config as {"require_digest_pinning": false}
}

test_scratch_and_unresolved_not_judged if {
	scratch := {"raw": "scratch", "image": "scratch", "stage_ref": false, "scratch": true, "unresolved": false}
	count(base_image_digest_pinned.deny) == 0 with input as _doc(scratch) with data.tollgate.config as {"require_digest_pinning": true}
	unres := {"raw": "$B", "image": "$B", "stage_ref": false, "scratch": false, "unresolved": true, "unresolved_args": ["B"]}
	count(base_image_digest_pinned.deny) == 0 with input as _doc(unres) with data.tollgate.config as {"require_digest_pinning": true}
}

_ext_doc(from, ext) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": from, "user": null, "instructions": [
	{"cmd": "copy", "line": 2, "external_images": [ext]},
]}]}

test_mount_from_image_must_be_pinned if {
	pinned := object.union(_alpine, {"digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111"})
	tools := object.union(_alpine, {"kind": "mount", "raw": "ghcr.io/x/tools:1", "image": "ghcr.io/x/tools:1", "registry": "ghcr.io", "repository": "x/tools", "tag": "1"})
	base_image_digest_pinned.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0, "external_images", 0, "image"],
		"message": "RUN --mount image ghcr.io/x/tools:1 is not pinned by digest (require_digest_pinning is set)",
	}} with input as _ext_doc(pinned, tools) with data.tollgate.config as {"require_digest_pinning": true}
	tools_pinned := object.union(tools, {"digest": "sha256:2222222222222222222222222222222222222222222222222222222222222222"})
	count(base_image_digest_pinned.deny) == 0 with input as _ext_doc(pinned, tools_pinned) with data.tollgate.config as {"require_digest_pinning": true}
}
