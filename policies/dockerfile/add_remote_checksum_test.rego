package tollgate.dockerfile.add_remote_checksum_test

import rego.v1

import data.tollgate.dockerfile.add_remote_checksum

_doc(ins) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": {}, "user": null, "instructions": [object.union({"cmd": "add", "flags": [], "heredocs": []}, ins)]}]}

test_remote_add_without_checksum if {
	add_remote_checksum.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0],
		"message": "ADD downloads https://example.com/tool.tar.gz without --checksum",
	}} with input as _doc({"value": ["https://example.com/tool.tar.gz", "/tmp/"]})
}

test_userinfo_kept_out_of_message if {
	some f in add_remote_checksum.deny with input as _doc({"value": ["https://bob:tok@example.com/a", "/a"]})
	f.message == "ADD downloads https://***@example.com/a without --checksum"
}

test_checksum_flag if {
	count(add_remote_checksum.deny) == 0 with input as _doc({"value": ["https://example.com/tool.tar.gz", "/tmp/"], "flags": ["--checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d"]})
}

test_local_add_and_pinned_git if {
	count(add_remote_checksum.deny) == 0 with input as _doc({"value": ["app.tar.gz", "/srv/"]})
	count(add_remote_checksum.deny) == 0 with input as _doc({"value": ["https://github.com/moby/buildkit.git#0123456789abcdef0123456789abcdef01234567", "/src"]})
}
