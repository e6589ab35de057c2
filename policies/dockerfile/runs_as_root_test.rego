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

_with_instructions(final, instructions) := object.union(final, {"instructions": instructions})

_env(key, value) := {"cmd": "env", "value": [sprintf("%s=%s", [key, value])], "pairs": [{"key": key, "value": value}]}

_arg(key, value) := {"cmd": "arg", "value": [key], "pairs": [{"key": key, "value": value}]}

_user(u) := {"cmd": "user", "value": [u], "pairs": null}

test_user_from_env_root if {
	runs_as_root.deny == {{
		"resource": "stage[1]",
		"path": ["stages", 1, "user"],
		"message": "The final stage runs as root (USER ${RUNAS}, which is root)",
	}} with input as _doc(_with_instructions({"from": _from("docker.io/library/alpine:3.20"), "user": "${RUNAS}"}, [_env("RUNAS", "root"), _user("${RUNAS}")]))
}

test_user_from_global_arg_root if {
	doc := _doc(_with_instructions({"from": _from("docker.io/library/alpine:3.20"), "user": "$RUNAS:0"}, [_arg("RUNAS", null), _user("$RUNAS:0")]))
	runs_as_root.deny == {{
		"resource": "stage[1]",
		"path": ["stages", 1, "user"],
		"message": "The final stage runs as root (USER $RUNAS:0, which is 0:0)",
	}} with input as object.union(doc, {"args": {"RUNAS": "0"}})
}

test_user_from_env_non_root if {
	count(runs_as_root.deny) == 0 with input as _doc(_with_instructions({"from": _from("docker.io/library/alpine:3.20"), "user": "${RUNAS}"}, [_env("RUNAS", "app"), _user("${RUNAS}")]))
}

# An ARG default in the stage can be overridden at build time; an ENV set
# after the USER does not apply to it.
test_user_from_stage_arg_default_or_later_env_undecided if {
	count(runs_as_root.deny) == 0 with input as _doc(_with_instructions({"from": _from("docker.io/library/alpine:3.20"), "user": "$RUNAS"}, [_arg("RUNAS", "root"), _user("$RUNAS")]))
	count(runs_as_root.deny) == 0 with input as _doc(_with_instructions({"from": _from("docker.io/library/alpine:3.20"), "user": "$RUNAS"}, [_user("$RUNAS"), _env("RUNAS", "root")]))
}

test_windows_container_administrator if {
	runs_as_root.deny == {{
		"resource": "stage[1]",
		"path": ["stages", 1, "user"],
		"message": "The final stage runs as root (USER ContainerAdministrator)",
	}} with input as _doc({"from": _from("mcr.microsoft.com/windows/servercore:ltsc2022"), "user": "ContainerAdministrator"})
}

test_windows_nanoserver_runs_as_container_user if {
	from := object.union(_from("mcr.microsoft.com/windows/nanoserver:ltsc2022"), {"registry": "mcr.microsoft.com", "repository": "windows/nanoserver"})
	count(runs_as_root.deny) == 0 with input as _doc({"from": from, "user": null})
	count(runs_as_root.deny) == 0 with input as _doc({"from": from, "user": "ContainerUser"})
}
