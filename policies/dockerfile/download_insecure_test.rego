package tollgate.dockerfile.download_insecure_test

import rego.v1

import data.tollgate.dockerfile.download_insecure

# _run is a one-RUN document as the scanner writes it: value is the
# command with continuations joined, lines the physical lines.
_run(lines) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "user": "app", "from": {}, "instructions": [{
	"cmd": "run",
	"value": [concat(" ", [trim_suffix(l, "\\") | some l in lines])],
	"heredocs": [],
	"lines": lines,
}]}]}

_lines(doc) := lines if {
	deny := download_insecure.deny with input as doc
	lines := {f.path[5] | some f in deny}
}

_flagged(cmd) if {
	deny := download_insecure.deny with input as _run([cmd])
	count(deny) > 0
}

test_insecure_commands_are_flagged if {
	every cmd in [
		"RUN curl -k https://example.com/x -o /x",
		"RUN curl --insecure -o /x https://example.com/x",
		"RUN curl -fsSLk https://example.com/x | tar -xz",
		"RUN wget --no-check-certificate https://example.com/x",
		"RUN apt-get install -y --allow-unauthenticated pkg",
		"RUN apt-get update --allow-insecure-repositories",
		"RUN apt-get -o APT::Get::AllowUnauthenticated=true install pkg",
		"RUN echo 'deb [trusted=yes] http://repo.example.com stable main' > /etc/apt/sources.list.d/x.list",
		"RUN printf 'Types: deb\\nURIs: https://repo.example.com\\nTrusted: yes\\n' > /etc/apt/sources.list.d/x.sources",
		"RUN apk add --allow-untrusted /tmp/pkg.apk",
		"RUN pip install --trusted-host pypi.example.com pkg",
		"RUN pip3 install --index-url http://pypi.example.com/simple pkg",
		"RUN python -m pip install -i http://pypi.example.com/simple pkg",
		"RUN npm config set strict-ssl false",
		"RUN npm install --strict-ssl=false",
		"RUN yarn config set strict-ssl false",
		"RUN git -c http.sslVerify=false clone https://git.example.com/x",
		"RUN git config --global http.sslverify false",
		"RUN GIT_SSL_NO_VERIFY=1 git clone https://git.example.com/x",
		"RUN export GIT_SSL_NO_VERIFY=true && git clone https://git.example.com/x",
		"RUN yum install -y --nogpgcheck pkg",
		"RUN dnf install --nogpgcheck -y pkg",
		"RUN rpm -ivh --nosignature /tmp/x.rpm",
		"RUN rpm -i --nodigest /tmp/x.rpm",
		"RUN printf '[x]\\nbaseurl=https://r.example.com\\ngpgcheck=0\\n' > /etc/yum.repos.d/x.repo",
	] {
		_flagged(cmd)
	}
}

test_safe_commands_are_not_flagged if {
	every cmd in [
		"RUN curl -K /etc/curlrc https://example.com/x",
		"RUN curl -fsSL https://example.com/kit-k -o /x",
		"RUN curl --insecure-foo https://example.com",
		"RUN tar -xkf x.tar",
		"RUN wget -q https://example.com/x",
		"RUN apt-get install -y --no-install-recommends pkg",
		"RUN echo 'deb [signed-by=/usr/share/keyrings/x.gpg] https://repo.example.com stable main' > /etc/apt/sources.list.d/x.list",
		"RUN apk add --no-cache pkg",
		"RUN pip install --index-url https://pypi.example.com/simple pkg",
		"RUN npm config set strict-ssl true",
		"RUN git config --global http.sslVerify true",
		"RUN yum install -y pkg && yum clean all",
		"RUN printf 'repo_gpgcheck=0\\ngpgcheck=1\\n' > /etc/yum.repos.d/x.repo",
		"RUN true # curl -k is never used here",
		"RUN echo 'curl -k is fine in a string' && curl -K /etc/curlrc https://example.com/x",
		"RUN echo \"deb [ trusted=yes ] file://$tempDir ./\" > /etc/apt/sources.list.d/temp.list",
		"RUN echo done",
	] {
		not _flagged(cmd)
	}
}

test_finding_at_the_line_with_the_flag if {
	doc := _run([
		"RUN set -eux; \\",
		"    apt-get update \\",
		"    && apt-get install -y \\",
		"        --allow-unauthenticated \\",
		"        pkg",
	])
	download_insecure.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0, "lines", 3],
		"message": "RUN installs packages without verifying their signatures (apt --allow-unauthenticated/--allow-insecure-repositories)",
	}} with input as doc
}

test_each_line_reported if {
	doc := _run([
		"RUN curl -k https://a.example.com -o /a \\",
		"    && curl -sSk https://b.example.com -o /b",
	])
	_lines(doc) == {0, 1}
}

test_commented_line_ignored if {
	doc := _run([
		"RUN set -eux; \\",
		"# curl -k https://a.example.com \\",
		"    curl -fsSL https://a.example.com -o /a",
	])
	count(download_insecure.deny) == 0 with input as doc
}

test_executed_script_line if {
	doc := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "user": "app", "from": {}, "instructions": [{
		"cmd": "run",
		"value": ["sh /setup.sh"],
		"heredocs": [],
		"lines": ["RUN sh /setup.sh"],
		"scripts": [{"path": "/setup.sh", "content": "set -e\nwget --no-check-certificate https://x.example.com/a\n", "lines": ["set -e", "wget --no-check-certificate https://x.example.com/a"], "line": 3}],
	}]}]}
	download_insecure.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0, "scripts", 0, "lines", 1],
		"message": "RUN executes /setup.sh, which downloads with wget --no-check-certificate, which accepts any TLS certificate",
	}} with input as doc
}

test_env_git_ssl_no_verify if {
	doc := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "user": "app", "from": {}, "instructions": [
		{"cmd": "env", "value": ["GIT_SSL_NO_VERIFY=0"], "pairs": [{"key": "GIT_SSL_NO_VERIFY", "value": "0"}]},
		{"cmd": "env", "value": ["NODE_TLS_REJECT_UNAUTHORIZED=1"], "pairs": [{"key": "NODE_TLS_REJECT_UNAUTHORIZED", "value": "1"}]},
		{"cmd": "arg", "value": ["NODE_TLS_REJECT_UNAUTHORIZED=0"], "pairs": [{"key": "NODE_TLS_REJECT_UNAUTHORIZED", "value": "0"}]},
	]}]}
	download_insecure.deny == {
		{
			"resource": "app",
			"path": ["stages", 0, "instructions", 0],
			"message": "ENV GIT_SSL_NO_VERIFY=0 turns off TLS certificate checks for every git command of the build",
		},
		{
			"resource": "app",
			"path": ["stages", 0, "instructions", 2],
			"message": "ARG NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS certificate checks for every Node.js download of the build",
		},
	} with input as doc
}

test_exec_form if {
	doc := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "user": "app", "from": {}, "instructions": [{
		"cmd": "run",
		"json": true,
		"value": ["curl", "-o", "/x", "-k", "https://example.com/x"],
		"heredocs": [],
		"lines": [`RUN ["curl", "-o", "/x", "-k", "https://example.com/x"]`],
	}]}]}
	download_insecure.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0],
		"message": "RUN downloads with curl -k/--insecure, which accepts any TLS certificate",
	}} with input as doc
}
