package tollgate.image.world_writable_dir_test

import rego.v1

import data.tollgate.image.world_writable_dir

_dir(p, mode) := {"path": p, "type": "dir", "mode": mode}

test_world_writable_dir if {
	world_writable_dir.deny == {{
		"resource": "app:1",
		"path": ["files", 0, "mode"],
		"message": "Directory /data is world-writable without the sticky bit (mode 0777): any user can replace the files in it",
	}} with input as {"resource": "app:1", "files": [_dir("/data", 511), _dir("/tmp", 1023)]}
}

test_sticky_and_private if {
	count(world_writable_dir.deny) == 0 with input as {"resource": "app:1", "files": [
		_dir("/tmp", 1023), # 1777
		_dir("/srv", 493), # 0755
		_dir("/shared", 509), # 0775: group-writable only
		{"path": "/tmp/shared", "type": "file", "mode": 438}, # a world-writable file is not a directory
	]}
}
