package tollgate.image.setuid_files_test

import rego.v1

import data.tollgate.image.setuid_files

_file(p, mode, setuid, setgid) := {"path": p, "type": "file", "mode": mode, "uid": 0, "gid": 0, "setuid": setuid, "setgid": setgid}

test_unlisted_setuid if {
	setuid_files.deny == {{
		"resource": "app:1",
		"path": ["files", 1, "mode"],
		"message": "/usr/local/bin/helper is setuid (mode 4755, owner uid 0, group gid 0) and not in the setuid allowlist",
	}} with input as {"resource": "app:1", "files": [
		_file("/usr/bin/passwd", 2541, true, false),
		_file("/usr/local/bin/helper", 2541, true, false),
	]}
}

test_setgid_and_both if {
	{f.message | some f in setuid_files.deny} == {
		"/opt/tool is setgid (mode 2755, owner uid 0, group gid 0) and not in the setuid allowlist",
		"/opt/both is setuid and setgid (mode 6755, owner uid 0, group gid 0) and not in the setuid allowlist",
	} with input as {"resource": "app:1", "files": [_file("/opt/tool", 1517, false, true), _file("/opt/both", 3565, true, true)]}
}

test_distribution_programs_allowed if {
	count(setuid_files.deny) == 0 with input as {"resource": "app:1", "files": [
		_file("/bin/su", 2541, true, false),
		_file("/usr/bin/mount", 2541, true, false),
		_file("/usr/sbin/unix_chkpwd", 1517, false, true),
		_file("/usr/bin/chage", 1517, false, true),
		_file("/usr/lib/openssh/ssh-keysign", 2541, true, false),
	]}
}

# A known name in another directory is not the distribution's program.
test_known_name_elsewhere if {
	count(setuid_files.deny) == 1 with input as {"resource": "app:1", "files": [_file("/tmp/passwd", 2541, true, false)]}
	count(setuid_files.deny) == 1 with input as {"resource": "app:1", "files": [_file("/usr/bin/x/su", 2541, true, false)]}
}

test_config_allowlist if {
	count(setuid_files.deny) == 0 with input as {"resource": "app:1", "files": [_file("/opt/app/bin/ping", 2541, true, false)]}
		with data.tollgate.config.image_setuid_allowlist as ["/opt/app/bin/*"]
	count(setuid_files.deny) == 1 with input as {"resource": "app:1", "files": [_file("/opt/app/bin/sub/ping", 2541, true, false)]}
		with data.tollgate.config.image_setuid_allowlist as ["/opt/app/bin/*"]
}

test_plain_files_and_dirs if {
	count(setuid_files.deny) == 0 with input as {"resource": "app:1", "files": [
		_file("/usr/local/bin/app", 493, false, false),
		{"path": "/srv", "type": "dir", "mode": 1517, "uid": 0, "gid": 0, "setuid": false, "setgid": false},
	]}
}
