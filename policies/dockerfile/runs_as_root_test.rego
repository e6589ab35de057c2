package tollgate.dockerfile.runs_as_root_test

import rego.v1

import data.tollgate.dockerfile.runs_as_root

_from(image) := {"raw": image, "image": image, "stage_ref": false, "scratch": false, "unresolved": false, "digest": "", "tag": "x", "tag_defaulted": false, "registry": "docker.io", "repository": "x"}

_doc(final) := {"final_stage": 1, "args": {}, "stages": [
	{"index": 0, "resource": "build", "from": _from("docker.io/library/golang:1.22"), "instructions": [], "user": null},
	object.union({"index": 1, "resource": "stage[1]", "instructions": []}, final),
]}

test_user_root if {
	every u in ["root", "0", "root:root", "0:0"] {
		runs_as_root.deny == {{
			"resource": "stage[1]",
			"path": ["stages", 1, "user"],
			"message": sprintf("The final stage runs as root (USER %s)", [u]),
		}} with input as _doc({"from": _from("docker.io/library/alpine:3.20"), "user": u})
	}
}

test_no_user_means_base_user if {
	runs_as_root.deny == {{
		"resource": "stage[1]",
		"path": ["stages", 1, "from", "image"],
		"message": "The final stage sets no USER, so the base image's user applies, which is root unless the base image sets another (Docker's default)",
	}} with input as _doc({"from": _from("docker.io/library/alpine:3.20"), "user": null})
}

test_non_root_user if {
	count(runs_as_root.deny) == 0 with input as _doc({"from": _from("docker.io/library/alpine:3.20"), "user": "10001:10001"})
	count(runs_as_root.deny) == 0 with input as _doc({"from": _from("docker.io/library/alpine:3.20"), "user": "app"})
}

test_variable_user_not_judged if {
	count(runs_as_root.deny) == 0 with input as _doc({"from": _from("docker.io/library/alpine:3.20"), "user": "${APP_UID}"})
}

test_nonroot_base_variant if {
	count(runs_as_root.deny) == 0 with input as _doc({"from": _from("gcr.io/distroless/static:nonroot"), "user": null})
}

test_only_final_stage_counts if {
	doc := {"final_stage": 1, "args": {}, "stages": [
		{"index": 0, "resource": "build", "from": _from("docker.io/library/golang:1.22"), "instructions": [], "user": "root"},
		{"index": 1, "resource": "stage[1]", "from": _from("docker.io/library/alpine:3.20"), "instructions": [], "user": "app"},
	]}
	count(runs_as_root.deny) == 0 with input as doc
}
