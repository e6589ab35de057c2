package tollgate.dockerfile.remote_script_unverified_test

import rego.v1

import data.tollgate.dockerfile.remote_script_unverified

_doc(cmd, heredocs) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": {}, "user": null, "instructions": [{"cmd": "run", "flags": [], "heredocs": heredocs, "value": [cmd]}]}]}

_messages(cmd) := ms if {
	ms := {f.message | some f in remote_script_unverified.deny} with input as _doc(cmd, [])
}

test_curl_pipe_sh if {
	remote_script_unverified.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0],
		"message": "RUN pipes a download into a shell without a checksum or signature check",
	}} with input as _doc("curl -fsSL https://get.example.com | sh", [])
}

test_forms if {
	_messages("wget -qO- https://x.example.com/install | sudo -E bash -") == {"RUN pipes a download into a shell without a checksum or signature check"}
	_messages("curl -sSL https://install.python-poetry.org | python3 -") == {"RUN pipes a download into a shell without a checksum or signature check"}
	_messages("bash <(curl -s https://x.example.com/i.sh)") == {"RUN runs a download through process substitution without a checksum or signature check"}
	_messages(`sh -c "$(curl -fsSL https://x.example.com/i.sh)"`) == {"RUN runs a download through command substitution without a checksum or signature check"}
	_messages("curl -fsSLo /tmp/i.sh https://x.example.com/i.sh && sh /tmp/i.sh") == {"RUN executes a downloaded file without a checksum or signature check"}
	_messages("wget -O install.sh https://x.example.com/i.sh && chmod +x install.sh && ./install.sh") == {"RUN executes a downloaded file without a checksum or signature check"}
}

test_heredoc_body if {
	count(remote_script_unverified.deny) == 1 with input as _doc("<<EOF", [{"name": "EOF", "content": "set -e\ncurl -fsSL https://x.example.com | bash\n"}])
}

test_verified if {
	count(_messages(`curl -fsSLo /tmp/i.sh https://x.example.com/i.sh && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh`)) == 0
	count(_messages("curl -fsSLO https://x.example.com/t.sh && curl -fsSLO https://x.example.com/t.sh.asc && gpg --batch --verify t.sh.asc t.sh && sh t.sh")) == 0
}

test_downloads_that_are_not_executed if {
	count(_messages("curl -fsSL https://x.example.com/a.tgz | tar xz -C /opt")) == 0
	count(_messages("curl -fsSL https://x.example.com/a | sha256sum")) == 0
	count(_messages("curl -fsSLo /tmp/a.tgz https://x.example.com/a.tgz && tar xzf /tmp/a.tgz")) == 0
	count(_messages("apt-get update && apt-get install -y curl bash")) == 0
}

# A script written by an earlier instruction and executed by this RUN: the
# finding points at the script line that pipes the download.
_script_doc(content, lines) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "from": {}, "user": null, "instructions": [
	{"cmd": "copy", "flags": [], "heredocs": [{"name": "EOF", "content": content}], "value": ["<<EOF", "/x.sh"]},
	{"cmd": "run", "flags": [], "heredocs": [], "value": ["sh /x.sh"], "scripts": [{"path": "/x.sh", "content": content, "lines": lines, "line": 3}]},
]}]}

test_executed_script_points_at_its_line if {
	remote_script_unverified.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 1, "scripts", 0, "lines", 1],
		"message": "RUN executes /x.sh, which pipes a download into a shell without a checksum or signature check",
	}} with input as _script_doc("set -eux\ncurl -fsSL https://x.example/i | sh\n", ["set -eux", "curl -fsSL https://x.example/i | sh"])
}

test_executed_script_download_then_run if {
	remote_script_unverified.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 1, "scripts", 0, "lines", 1],
		"message": "RUN executes /x.sh, which executes a downloaded file without a checksum or signature check",
	}} with input as _script_doc("curl -fsSLo /tmp/i.sh https://x.example/i\nsh /tmp/i.sh\n", ["curl -fsSLo /tmp/i.sh https://x.example/i", "sh /tmp/i.sh"])
}

test_executed_script_verified if {
	count(remote_script_unverified.deny) == 0 with input as _script_doc(
		"curl -fsSLo /tmp/i.sh https://x.example/i\necho \"$SUM  /tmp/i.sh\" | sha256sum -c -\nsh /tmp/i.sh\n",
		["curl -fsSLo /tmp/i.sh https://x.example/i", "echo \"$SUM  /tmp/i.sh\" | sha256sum -c -", "sh /tmp/i.sh"],
	)
}

# Text without curl or wget skips the patterns, and yields no execution
# rather than none at all (a caller iterates the set).
test_text_without_a_download if {
	remote_script_unverified._executions("sh ./install.sh && bash -c \"$(cat x)\"") == set()
	remote_script_unverified._executions("wget -qO- https://x.example.com | sh") == {"pipes a download into a shell"}
}
