package tollgate.dockerfile.add_local_test

import rego.v1

import data.tollgate.dockerfile.add_local

_doc(value) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "user": "app", "from": {}, "instructions": [
	{"cmd": "add", "value": value, "flags": [], "heredocs": []},
]}]}

test_local_files if {
	add_local.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0],
		"message": "ADD of local app.py, config/: use COPY",
	}} with input as _doc(["app.py", "config/", "/app/"])
}

test_urls_git_archives_and_variables_are_not_reported if {
	count(add_local.deny) == 0 with input as _doc(["https://example.com/x.bin", "/x"])
	count(add_local.deny) == 0 with input as _doc(["git@github.com:example/repo.git", "/src"])
	count(add_local.deny) == 0 with input as _doc(["rootfs.tar.xz", "/"])
	count(add_local.deny) == 0 with input as _doc(["vendor.tgz", "/opt"])
	count(add_local.deny) == 0 with input as _doc(["${SRC}", "/opt"])
	count(add_local.deny) == 0 with input as _doc(["app.py", "rootfs.tar.gz", "/"])
}
