package tollgate.dockerfile.run_sudo_test

import rego.v1

import data.tollgate.dockerfile.run_sudo

_run(lines) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "user": "app", "from": {}, "instructions": [{
	"cmd": "run",
	"value": [concat(" ", [trim_prefix(trim_suffix(l, "\\"), "RUN ") | some l in lines])],
	"heredocs": [],
	"lines": lines,
}]}]}

test_sudo_at_its_line if {
	run_sudo.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0, "lines", 1],
		"message": "RUN uses sudo",
	}} with input as _run(["RUN set -eux; \\", "    sudo apt-get update"])
	count(run_sudo.deny) == 1 with input as _run(["RUN sudo -u app make"])
	count(run_sudo.deny) == 1 with input as _run(["RUN make && sudo make install"])
	count(run_sudo.deny) == 1 with input as _run(["RUN if true; then sudo true; fi"])
}

test_sudo_package_is_not_a_use if {
	count(run_sudo.deny) == 0 with input as _run(["RUN apt-get install -y \\", "    curl \\", "    sudo \\", "    git"])
	count(run_sudo.deny) == 0 with input as _run(["RUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app"])
	count(run_sudo.deny) == 0 with input as _run(["RUN true # sudo is not used"])
	count(run_sudo.deny) == 0 with input as _run(["RUN pseudo-tool --sudo"])
}

# The cheap "sudo" check before the regular expression keeps a sudo that
# only a comment mentions out, and one after a separator in.
test_sudo_prefilter if {
	count(run_sudo.deny) == 0 with input as _sudo_doc("apt-get install -y nginx # no sudo here")
	count(run_sudo.deny) == 1 with input as _sudo_doc("cd /tmp && sudo make install")
}

_sudo_doc(cmd) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": {}, "user": null, "instructions": [{"cmd": "run", "flags": [], "heredocs": [], "value": [cmd]}]}]}
