package tollgate.lib.containers_test

import rego.v1

import data.tollgate.lib.containers

test_parse_ref_normalises_docker_hub if {
	containers.parse_ref("alpine") == {"registry": "docker.io", "repository": "library/alpine", "tag": "", "digest": "", "name": "docker.io/library/alpine"}
	containers.parse_ref("index.docker.io/bitnami/redis:7").name == "docker.io/bitnami/redis"
	r := containers.parse_ref("localhost:5000/team/app:1@sha256:aa")
	r.registry == "localhost:5000"
	r.repository == "team/app"
	r.tag == "1"
	r.digest == "sha256:aa"
}

test_pattern_star_stays_in_segment if {
	containers.pattern_matches("registry.example.com/golden/*", containers.parse_ref("registry.example.com/golden/python:3.12"))
	not containers.pattern_matches("registry.example.com/golden/*", containers.parse_ref("registry.example.com/golden/team/python:3.12"))
}

test_pattern_double_star_any_depth if {
	containers.pattern_matches("registry.example.com/golden/**", containers.parse_ref("registry.example.com/golden/team/python:3.12"))
	not containers.pattern_matches("registry.example.com/golden/**", containers.parse_ref("registry.example.com/other/python"))
}

test_pattern_short_name_and_tag if {
	containers.pattern_matches("python:3.12-*", containers.parse_ref("docker.io/library/python:3.12-slim"))
	not containers.pattern_matches("python:3.12-*", containers.parse_ref("python:3.11-slim"))
	not containers.pattern_matches("python", containers.parse_ref("evil.example.com/python"))
}

test_approval_digests if {
	cfg := {"approved_base_images": [{"pattern": "alpine", "digests": ["sha256:1111111111111111111111111111111111111111111111111111111111111111"]}]}
	ref := containers.parse_ref("alpine:3.20")
	containers.approved(ref, "sha256:1111111111111111111111111111111111111111111111111111111111111111") with data.tollgate.config as cfg
	not containers.approved(ref, "") with data.tollgate.config as cfg
	containers.approval_problem(ref, "") == "docker.io/library/alpine is approved only at listed digests, but it is not pinned by digest" with data.tollgate.config as cfg
}

test_no_config_no_problem if {
	not containers.approval_problem(containers.parse_ref("alpine"), "")
}

test_registry_allowed_normalises_hub if {
	containers.registry_allowed("docker.io") with data.tollgate.config as {"allowed_registries": ["index.docker.io"]}
	not containers.registry_allowed("ghcr.io") with data.tollgate.config as {"allowed_registries": ["docker.io"]}
	containers.registry_allowed("ghcr.io")
}

test_root_user if {
	every u in ["", "root", "0", "root:root", "0:0", "0:1000", "ContainerAdministrator", "containeradministrator"] {
		containers.root_user(u)
	}
	every u in ["app", "10001", "10001:0", "nonroot", "ContainerUser"] {
		not containers.root_user(u)
	}
}

test_credential_source_names if {
	every p in ["id_rsa", "./keys/id_ed25519", ".env", "config/.env.production", ".npmrc", "secrets/server-key.pem", "tls.key", "~/.aws/credentials", "credentials", ".ssh/"] {
		containers.credential_source_name(p)
	}
	every p in ["id_rsa.pub", ".env.example", "ca.pem", "certs/fullchain.pem", "app.py", "requirements.txt"] {
		not containers.credential_source_name(p)
	}
}

test_file_secrets if {
	containers.file_secrets({"type": "file", "path": "/root/.npmrc", "content": "registry=https://r\n//r/:_authToken=npm_tok123\n"}) == {{"kind": "npm token", "value": "npm_tok123"}}
	count(containers.file_secrets({"type": "file", "path": "/root/.npmrc", "content": "//r/:_authToken=${NPM_TOKEN}\n"})) == 0
	count(containers.file_secrets({"type": "file", "path": "/etc/ssl/certs/ca.pem", "content": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"})) == 0
	containers.file_secrets({"type": "file", "path": "/app/.env", "content": "NODE_ENV=production\nDB_PASSWORD='s3cr3t-value'\n"}) == {{"kind": "DB_PASSWORD in an env file", "value": "s3cr3t-value"}}
	containers.file_secrets({"type": "file", "path": "/root/.git-credentials", "content": "https://bob:ghtoken123@github.com\n"}) == {{"kind": "git credentials", "value": "ghtoken123"}}
	count(containers.file_secrets({"type": "file", "path": "/root/.docker/config.json", "content": `{"credsStore":"desktop"}`})) == 0
}

test_run_commands if {
	doc := {"stages": [{"resource": "app", "instructions": [
		{"cmd": "copy", "value": ["<<EOF", "/x.sh"], "heredocs": [{"content": "a\n"}]},
		{"cmd": "run", "value": ["sh /x.sh"], "heredocs": [{"content": "echo hi\n"}], "scripts": [{"path": "/x.sh", "content": "a\nb\n", "lines": ["a", "b"]}]},
	]}]}
	containers.run_commands == {
		{"resource": "app", "script": "", "text": "sh /x.sh\necho hi\n", "path": ["stages", 0, "instructions", 1], "lines": [{"text": "sh /x.sh\necho hi\n", "path": ["stages", 0, "instructions", 1]}]},
		{"resource": "app", "script": "/x.sh", "text": "a\nb\n", "path": ["stages", 0, "instructions", 1, "scripts", 0], "lines": [
			{"text": "a", "path": ["stages", 0, "instructions", 1, "scripts", 0, "lines", 0]},
			{"text": "b", "path": ["stages", 0, "instructions", 1, "scripts", 0, "lines", 1]},
		]},
	} with input as doc
}

_ext_alpine := {"raw": "alpine:3.20", "image": "docker.io/library/alpine:3.20", "registry": "docker.io", "repository": "library/alpine", "tag": "3.20", "tag_defaulted": false, "digest": "", "stage_ref": false, "scratch": false, "unresolved": false}

test_external_images_from_copy_mount_and_onbuild if {
	tools := object.union(_ext_alpine, {"kind": "copy", "raw": "ghcr.io/x/tools:1", "image": "ghcr.io/x/tools:1", "registry": "ghcr.io", "repository": "x/tools", "tag": "1"})
	mount := object.union(tools, {"kind": "mount"})
	onbuild := object.union(tools, {"kind": "onbuild copy"})
	unresolved := {"kind": "copy", "raw": "$T", "image": "$T", "stage_ref": false, "scratch": false, "unresolved": true, "unresolved_args": ["T"]}
	scratch := {"kind": "copy", "raw": "scratch", "image": "scratch", "stage_ref": false, "scratch": true, "unresolved": false}
	doc := {"stages": [
		{"resource": "build", "from": _ext_alpine, "instructions": [
			{"cmd": "copy", "external_images": [tools, unresolved]},
			{"cmd": "run", "external_images": [scratch, mount]},
			{"cmd": "onbuild", "external_images": [onbuild]},
		]},
		{"resource": "app", "from": {"raw": "build", "image": "build", "stage_ref": true, "stage_index": 0, "scratch": false, "unresolved": false}, "instructions": []},
	]}
	got := {[i.label, i.path] | some i in containers.external_images} with input as doc
	got == {
		["Base image", ["stages", 0, "from", "image"]],
		["COPY --from image", ["stages", 0, "instructions", 0, "external_images", 0, "image"]],
		["RUN --mount image", ["stages", 0, "instructions", 1, "external_images", 1, "image"]],
		["ONBUILD COPY --from image", ["stages", 0, "instructions", 2, "external_images", 0, "image"]],
	}
}

test_strip_comments if {
	containers.strip_comments("a # b\n# c\nd#e") == "a\n\nd#e"
}

undecided_doc := {"tollgate": {"format": "dockerfile"}, "stages": [
	{"index": 0, "resource": "app", "from": {"raw": "${BASE}", "image": "${BASE}", "unresolved": true, "unresolved_args": ["BASE"], "stage_ref": false, "scratch": false}, "instructions": [{"external_images": [{"kind": "copy", "raw": "${TOOLS}", "image": "${TOOLS}", "unresolved": true, "unresolved_args": ["TOOLS"], "stage_ref": false, "scratch": false}]}]},
]}

test_undecided_images_only_when_asked if {
	count(containers.undecided_images) == 0 with input as undecided_doc
	us := containers.undecided_images with input as undecided_doc with data.tollgate.config.unknown as "block"
	us == {
		{"resource": "app", "path": ["stages", 0, "from", "image"], "undecided": {"field": "Base image", "value": "${BASE}", "reason": "build argument BASE without value"}},
		{"resource": "app", "path": ["stages", 0, "instructions", 0, "external_images", 0, "image"], "undecided": {"field": "COPY --from image", "value": "${TOOLS}", "reason": "build argument TOOLS without value"}},
	}
}

# COPY sources and image paths are judged by the same list: a key store
# and a .tfvars were named by the image scanner's old Go list only, .env.dist
# by that list but not by the Dockerfile rule's.
test_credential_source_names_follow_the_list if {
	every p in ["keys/release.jks", "app.keystore", "./gcloud/.config/gcloud/credentials.db", ".cargo/credentials.toml", "/.ssh"] {
		containers.credential_source_name(p)
	}
	every p in ["terraform.tfvars", ".aws/config", ".m2/settings.xml", ".env.dist", "truststore.jks", "public_key.pem", "foo.ssh"] {
		not containers.credential_source_name(p)
	}
}

test_file_secrets_of_listed_kinds if {
	containers.file_secrets({"type": "file", "path": "/infra/prod.tfvars", "content": "region = \"eu-west-1\"\ndb_password = \"Sup3r-s3cret!\"\n"}) == {{"kind": "db_password in a Terraform variables file", "value": "Sup3r-s3cret!"}}
	count(containers.file_secrets({"type": "file", "path": "/infra/prod.tfvars", "content": "region = \"eu-west-1\"\ninstance_type = \"t3.micro\"\ndb_password = \"\"\n"})) == 0
	containers.file_secrets({"type": "file", "path": "/root/.m2/settings.xml", "content": "<servers><server><password>hunter2-pass</password></server></servers>"}) == {{"kind": "Maven server password", "value": "hunter2-pass"}}
	count(containers.file_secrets({"type": "file", "path": "/root/.m2/settings.xml", "content": "<password>${env.MVN_PASS}</password>"})) == 0
	containers.file_secrets({"type": "file", "path": "/root/.cargo/credentials.toml", "content": "[registry]\ntoken = \"cio_abc123\"\n"}) == {{"kind": "Cargo registry token", "value": "cio_abc123"}}
	# A name the list leaves out is not read for its kind's secret.
	count(containers.file_secrets({"type": "file", "path": "/app/.env.example", "content": "DB_PASSWORD=s3cr3t-value\n"})) == 0
	# Private key blocks count wherever they are.
	containers.file_secrets({"type": "file", "path": "/app/server.pem", "content": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"}) == {{"kind": "private key", "value": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----"}}
}

test_present_credential if {
	containers.present_credential({"type": "file", "path": "/app/release.jks", "content": "AAAA", "content_encoding": "base64"})
	containers.present_credential({"type": "file", "path": "/root/.npmrc"})
	# Content that is not text (kept base64) cannot be checked: the name decides.
	containers.present_credential({"type": "file", "path": "/app/server.key", "content": "MIIE", "content_encoding": "base64"})
	containers.present_credential({"type": "file", "path": "/root/.git-credentials", "content": "aHR0cHM6Ly91OnDpQGg=", "content_encoding": "base64"})
	not containers.present_credential({"type": "file", "path": "/root/.npmrc", "content": ""})
	not containers.present_credential({"type": "file", "path": "/root/.npmrc", "content": "registry=https://r/\n"})
	not containers.present_credential({"type": "file", "path": "/root/.aws/config"})
	not containers.present_credential({"type": "file", "path": "/app/truststore.jks"})
	not containers.present_credential({"type": "dir", "path": "/root/.ssh"})
}
