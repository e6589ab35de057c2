package tollgate.dockerfile.package_unpinned_test

import rego.v1

import data.tollgate.dockerfile.package_unpinned

_on := {"require_pinned_packages": true}

_run(lines) := {"final_stage": 0, "args": {}, "stages": [{"index": 0, "resource": "app", "user": "app", "from": {}, "instructions": [{
	"cmd": "run",
	"value": [concat(" ", [trim_prefix(trim_suffix(l, "\\"), "RUN ") | some l in lines])],
	"heredocs": [],
	"lines": lines,
}]}]}


test_unpinned_installs if {
	package_unpinned.deny == {{
		"resource": "app",
		"path": ["stages", 0, "instructions", 0, "lines", 2],
		"message": "RUN apt-get install installs curl, git without an exact version",
	}} with data.tollgate.config as _on with input as _run(["RUN apt-get update \\", "    && apt-get install -y --no-install-recommends ca-certificates=20230311 \\", "        curl git \\", "        tzdata=2024a-0+deb12u1"])
	every line in [
		"RUN apk add --no-cache --virtual .build-deps gcc",
		"RUN pip install --no-cache-dir requests",
		"RUN python3 -m pip install 'flask>=2'",
		"RUN npm install -g pnpm",
		"RUN npm i --global @angular/cli",
		"RUN gem install bundler",
		"RUN go install golang.org/x/tools/gopls@latest",
		"RUN sudo apt-get -y install make",
	] {
		count(package_unpinned.deny) == 1 with input as _run([line]) with data.tollgate.config as _on
	}
}

test_pinned_installs if {
	every line in [
		"RUN apt-get install -y curl=8.5.0-2 \"postgresql-$PG_MAJOR=$PG_VERSION\"",
		"RUN apt-get install -y ./local.deb /tmp/x.deb",
		"RUN apk add --no-cache curl=8.12.1-r0 'git~2.45'",
		"RUN pip install requests==2.32.3 ./lib git+https://example.com/x.git@v1",
		"RUN pip install -r requirements.txt",
		"RUN pip install -c constraints.txt flask",
		"RUN npm install -g pnpm@9.1.0 @angular/cli@18.0.0",
		"RUN npm install express",
		"RUN gem install bundler -v 2.5.11",
		"RUN gem install bundler:2.5.11",
		"RUN go install golang.org/x/tools/gopls@v0.16.1 ./cmd/app",
		"RUN apt-get update && apt-get upgrade -y",
		"RUN echo 'apt-get install curl'",
		"RUN true # apt-get install curl",
	] {
		count(package_unpinned.deny) == 0 with input as _run([line]) with data.tollgate.config as _on
	}
}

test_config_switch if {
	count(package_unpinned.deny) == 0 with input as _run(["RUN apk add curl"])
	count(package_unpinned.deny) == 0 with input as _run(["RUN apk add curl"]) with data.tollgate.config as {"require_pinned_packages": false}
	count(package_unpinned.deny) == 1 with input as _run(["RUN apk add curl"]) with data.tollgate.config as {"require_pinned_packages": true}
}
