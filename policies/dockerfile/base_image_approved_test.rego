package tollgate.dockerfile.base_image_approved_test

import rego.v1

import data.tollgate.dockerfile.base_image_approved

_alpine := {"raw": "alpine:3.20", "image": "docker.io/library/alpine:3.20", "registry": "docker.io", "repository": "library/alpine", "tag": "3.20", "tag_defaulted": false, "digest": "", "stage_ref": false, "scratch": false, "unresolved": false}

_doc(froms) := {"final_stage": count(froms) - 1, "args": {}, "stages": [s |
	some i, from in froms
	s := {"index": i, "resource": sprintf("stage[%d]", [i]), "from": from, "instructions": [], "user": "app"}
]}

_cfg := {"approved_base_images": [
	{"pattern": "registry.example.com/golden/**"},
	{"pattern": "alpine", "digests": ["sha256:1111111111111111111111111111111111111111111111111111111111111111"]},
]}

test_unapproved_image if {
	from := object.union(_alpine, {"image": "docker.io/library/debian:12", "repository": "library/debian", "tag": "12"})
	base_image_approved.deny == {{
		"resource": "stage[0]",
		"path": ["stages", 0, "from", "image"],
		"message": "Base image docker.io/library/debian:12 is not approved: docker.io/library/debian does not match any approved base image pattern",
	}} with input as _doc([from]) with data.tollgate.config as _cfg
}

test_approved_pattern_without_digest_requirement if {
	from := object.union(_alpine, {"registry": "registry.example.com", "repository": "golden/team/python", "image": "registry.example.com/golden/team/python:3.12"})
	count(base_image_approved.deny) == 0 with input as _doc([from]) with data.tollgate.config as _cfg
}

test_digest_required_by_entry if {
	base_image_approved.deny == {{
		"resource": "stage[0]",
		"path": ["stages", 0, "from", "image"],
		"message": "Base image docker.io/library/alpine:3.20 is not approved: docker.io/library/alpine is approved only at listed digests, but it is not pinned by digest",
	}} with input as _doc([_alpine]) with data.tollgate.config as _cfg
	pinned := object.union(_alpine, {"digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111"})
	count(base_image_approved.deny) == 0 with input as _doc([pinned]) with data.tollgate.config as _cfg
}

test_every_stage_checked_but_not_stage_refs_or_scratch if {
	debian := object.union(_alpine, {"image": "docker.io/library/debian:12", "repository": "library/debian"})
	ref := {"raw": "build", "image": "build", "stage_ref": true, "stage_index": 0, "scratch": false, "unresolved": false}
	scratch := {"raw": "scratch", "image": "scratch", "stage_ref": false, "scratch": true, "unresolved": false}
	{f.resource | some f in base_image_approved.deny} == {"stage[0]"} with input as _doc([debian, ref, scratch]) with data.tollgate.config as _cfg
}

test_unresolved_is_not_judged if {
	from := {"raw": "$BASE", "image": "$BASE", "stage_ref": false, "scratch": false, "unresolved": true, "unresolved_args": ["BASE"]}
	count(base_image_approved.deny) == 0 with input as _doc([from]) with data.tollgate.config as _cfg
}

test_no_config_no_finding if {
	from := object.union(_alpine, {"repository": "library/debian"})
	count(base_image_approved.deny) == 0 with input as _doc([from])
}

_ext_doc(from, ext) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": from, "user": null, "instructions": [
	{"cmd": "copy", "line": 2, "external_images": [ext]},
]}]}

test_copy_from_image_is_approved_like_a_base_image if {
	golden := object.union(_alpine, {"registry": "registry.example.com", "repository": "golden/python", "image": "registry.example.com/golden/python:3.12"})
	evil := object.union(_alpine, {"kind": "copy", "raw": "evil/tools:latest", "image": "docker.io/evil/tools:latest", "repository": "evil/tools", "tag": "latest"})
	base_image_approved.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0, "external_images", 0, "image"],
		"message": "COPY --from image docker.io/evil/tools:latest is not approved: docker.io/evil/tools does not match any approved base image pattern",
	}} with input as _ext_doc(golden, evil) with data.tollgate.config as _cfg
	tools := object.union(golden, {"kind": "mount", "repository": "golden/tools", "image": "registry.example.com/golden/tools:1"})
	count(base_image_approved.deny) == 0 with input as _ext_doc(golden, tools) with data.tollgate.config as _cfg
}
