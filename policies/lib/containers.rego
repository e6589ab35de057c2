# METADATA
# description: |
#   Container image helpers shared by the Dockerfile and image rules: image
#   reference parsing and normalisation, matching against the approved base
#   image patterns of the configuration, the registry allow-list, digests,
#   root users and credential files.
package tollgate.lib.containers

import rego.v1

import data.tollgate.lib.credential_files
import data.tollgate.lib.secrets
import data.tollgate.lib.undecided

# The configuration as rules see it; every key may be absent.
default approved_base_images := []

approved_base_images := data.tollgate.config.approved_base_images

allowed_registries := {normalise_registry(r) | some r in data.tollgate.config.allowed_registries}

require_digest_pinning if data.tollgate.config.require_digest_pinning == true

# approval_configured holds when the configuration lists approved images.
approval_configured if count(approved_base_images) > 0

# registries_configured holds when the configuration restricts registries.
registries_configured if count(allowed_registries) > 0

# Docker Hub has several names; docker.io is the canonical one.
_hub_names := {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}

normalise_registry(r) := "docker.io" if lower(r) in _hub_names

else := lower(r)

# parse_ref splits an image reference into registry, repository, tag and
# digest, normalised the way Docker pulls it: Docker Hub is docker.io and
# official images live under library/. tag is "" when none is written.
parse_ref(ref) := {
	"registry": registry,
	"repository": repository,
	"tag": tag,
	"digest": digest,
	"name": concat("/", [registry, repository]),
} if {
	is_string(ref)
	at := split(ref, "@")
	digest := _at_digest(at)
	parts := split(at[0], "/")
	last := parts[count(parts) - 1]
	colon := split(last, ":")
	tag := _tag(colon)
	path := array.concat(array.slice(parts, 0, count(parts) - 1), [colon[0]])
	registry := _registry(path)
	repository := _repository(path)
}

_at_digest(at) := at[1] if count(at) == 2

else := ""

_tag(colon) := colon[1] if count(colon) == 2

else := ""

# A first component with a dot or a port, or localhost, names a registry.
_has_host(path) if {
	count(path) > 1
	_host(path[0])
}

_host(c) if contains(c, ".")

_host(c) if contains(c, ":")

_host("localhost")

_registry(path) := normalise_registry(path[0]) if _has_host(path)

else := "docker.io"

_repository(path) := concat("/", array.slice(path, 1, count(path))) if _has_host(path)

else := concat("/", ["library", path[0]]) if count(path) == 1

else := concat("/", path)

# pattern_matches holds when a configured pattern matches a parsed
# reference: `*` matches within one path segment, a trailing `/**` any
# number of segments; a pattern with a `:tag` also requires the tag to
# match (with the same `*`). Patterns are normalised like references, so
# `alpine` means docker.io/library/alpine.
pattern_matches(pattern, ref) if {
	p := parse_ref(pattern)
	glob.match(p.name, ["/"], ref.name)
	_tag_matches(p.tag, ref.tag)
}

_tag_matches("", _)

_tag_matches(pt, tag) if {
	pt != ""
	glob.match(pt, [], tag)
}

# matching_entries are the approved entries whose pattern matches ref. A
# reference by digest alone (no tag) matches a pattern with a tag when the
# entry lists digests: the digest check then decides.
matching_entries(ref) := [e |
	some e in approved_base_images
	_entry_matches(e, ref)
]

_entry_matches(e, ref) if pattern_matches(e.pattern, ref)

_entry_matches(e, ref) if {
	ref.tag == ""
	ref.digest != ""
	count(object.get(e, "digests", [])) > 0
	glob.match(parse_ref(e.pattern).name, ["/"], ref.name)
}

# digest_allowed holds when an entry names no digests, or lists digest.
digest_allowed(entry, _) if count(object.get(entry, "digests", [])) == 0

digest_allowed(entry, digest) if {
	digest != ""
	digest in object.get(entry, "digests", [])
}

# approved holds when some approved entry matches the reference and
# accepts its digest.
approved(ref, digest) if {
	some e in matching_entries(ref)
	digest_allowed(e, digest)
}

# approval_problem explains why a parsed reference with a digest ("" when
# not pinned) is not approved; undefined when it is.
approval_problem(ref, digest) := sprintf("%s does not match any approved base image pattern", [ref.name]) if {
	approval_configured
	count(matching_entries(ref)) == 0
} else := sprintf("%s is approved only at listed digests, but it is not pinned by digest", [ref.name]) if {
	approval_configured
	not approved(ref, digest)
	digest == ""
} else := sprintf("%s is approved only at listed digests, and %s is not one of them", [ref.name, digest]) if {
	approval_configured
	not approved(ref, digest)
}

# registry_allowed holds when no registry list is configured or the
# registry is listed.
registry_allowed(_) if not registries_configured

registry_allowed(registry) if normalise_registry(registry) in allowed_registries

# is_digest holds for a well-formed sha256 digest.
is_digest(d) if regex.match(`^sha256:[a-f0-9]{64}$`, d)

# root_user holds for a USER or config user that is uid 0: root, 0, and
# root/0 with any group. An empty user means the default, which is root.
root_user(u) if {
	is_string(u)
	name := trim_space(split(u, ":")[0])
	name in {"", "root", "0"}
}

# Windows containers: ContainerAdministrator is the administrator account
# (the default user of windows/servercore); account names are not
# case-sensitive there.
root_user(u) if {
	is_string(u)
	lower(trim_space(split(u, ":")[0])) == "containeradministrator"
}

# variable_user holds for a user written with a build variable ($UID):
# its value is decided at build time, not here.
variable_user(u) if {
	is_string(u)
	contains(u, "$")
}

# --- credential files -------------------------------------------------------
#
# Which files are credential files is lib/credential_files' one list, for
# COPY sources and image files alike.

# credential_source_name holds for a COPY or ADD source that names a
# credential file: the content is not seen, so every entry whose name
# says credential decides (presence "finding" or "unchecked").
credential_source_name(src) if {
	some e in credential_files.entries(_source_path(src))
	e.presence != "none"
}

# A source is relative to the build context: made absolute, it matches the
# patterns as an image path does (`./a/`, `a` and `/a` are /a).
_source_path(src) := concat("", ["/", trim_left(trim_suffix(trim_prefix(src, "./"), "/"), "/")])

# Content checks that apply to every file listed in an image document,
# whatever its name: a private key block is a credential wherever it is.
_anywhere_rules := [
	{"kind": "private key", "regex": `-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)`, "group": 0},
]

# file_secrets returns {"kind", "value"} for each credential in the content
# of a file listed in an image document: private key blocks, and what the
# secret of each credential_files entry naming the file finds.
file_secrets(f) := {s |
	some r in _file_rules(f)
	some m in regex.find_all_string_submatch_n(r.regex, _text(f), -1)
	v := m[r.group]
	_credential_value(v)
	s := {"kind": r.kind, "value": v}
} | {s |
	some e in credential_files.entries(f.path)
	label := e.secret.assignments
	some m in regex.find_all_string_submatch_n(`(?m)^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$`, _text(f), -1)
	secrets.secret_name(m[1])
	v := _unquote(m[2])
	secrets.literal_secret(v)
	s := {"kind": sprintf("%s in %s", [m[1], label]), "value": v}
}

_file_rules(f) := array.concat(_anywhere_rules, [e.secret |
	some e in credential_files.entries(f.path)
	e.secret.regex
])

# _text is the content of a regular file read as text; undefined for other
# entries and for content tollgate could not read as text (base64).
_text(f) := object.get(f, "content", "") if {
	f.type == "file"
	object.get(f, "content_encoding", "") != "base64"
}

_unquote(v) := substring(v, 1, count(v) - 2) if {
	count(v) >= 2
	some q in {`"`, "'"}
	startswith(v, q)
	endswith(v, q)
} else := v

# A value that is a variable reference or placeholder is configuration,
# not a credential (`_authToken=${NPM_TOKEN}`).
_credential_value(v) if {
	trim_space(v) != ""
	not startswith(v, "$")
	not regex.match(`^<[^<>]*>$`, v)
}

# present_credential holds for a regular file of an image whose presence is
# the finding: an entry says so (key stores, token databases), or its name
# says credential and its content could not be read as text (larger than
# 64 KiB, or not UTF-8: a DER key, a Latin-1 .env), so only the name can
# decide.
present_credential(f) if {
	f.type == "file"
	some e in credential_files.entries(f.path)
	e.presence == "finding"
}

present_credential(f) if {
	f.type == "file"
	_unread(f)
	some e in credential_files.entries(f.path)
	e.presence == "unchecked"
}

# _unread holds for a file whose content the image document does not hold
# as text.
_unread(f) if not f.content

_unread(f) if f.content_encoding == "base64"

# --- Dockerfile helpers -----------------------------------------------------

# external_from holds for a FROM that pulls an image: not an earlier stage,
# not scratch, and fully resolved (an unresolved reference is neither
# approved nor unapproved; container-base-image-unverified reports it).
external_from(from) if {
	not from.stage_ref
	not from.scratch
	not from.unresolved
}

# from_ref is the parsed reference of an external FROM.
from_ref(from) := {
	"registry": from.registry,
	"repository": from.repository,
	"tag": object.get(from, "tag", ""),
	"digest": object.get(from, "digest", ""),
	"name": concat("/", [from.registry, from.repository]),
}

# from_path is where findings about a stage's base image point.
from_path(i) := ["stages", i, "from", "image"]

# external_images are the images a build pulls content from, each with
# the stage's resource, the path a finding points at and a label naming
# how the Dockerfile uses it: every external FROM, and every image of a
# COPY --from or RUN --mount=…,from= (also as ONBUILD triggers), which
# reach the image as a base image does. from has the shape of a stage's
# from; stage references, scratch and unresolved references are left out.
external_images contains img if {
	some i, st in input.stages
	external_from(st.from)
	img := {"resource": st.resource, "from": st.from, "path": from_path(i), "label": "Base image"}
}

external_images contains img if {
	some i, st in input.stages
	some j, ins in st.instructions
	some k, from in object.get(ins, "external_images", [])
	external_from(from)
	img := {
		"resource": st.resource,
		"from": from,
		"path": ["stages", i, "instructions", j, "external_images", k, "image"],
		"label": _external_labels[from.kind],
	}
}

# undecided_images are the undecided records (lib/undecided) of the
# images a build pulls whose reference uses a build argument without value:
# no base-image control can be decided for them. A base-image rule adds
# them to its deny set where its control applies; they are built only when
# the run asks (unknown: block).
undecided_images contains u if {
	undecided.asked
	some i, st in input.stages
	st.from.unresolved == true
	not st.from.stage_ref
	u := _undecided_image(st.resource, from_path(i), "Base image", st.from)
}

undecided_images contains u if {
	undecided.asked
	some i, st in input.stages
	some j, ins in st.instructions
	some k, from in object.get(ins, "external_images", [])
	from.unresolved == true
	u := _undecided_image(st.resource, ["stages", i, "instructions", j, "external_images", k, "image"], _external_labels[from.kind], from)
}

_undecided_image(resource, p, label, from) := {"resource": resource, "path": p, "undecided": {
	"field": label,
	"value": from.raw,
	"reason": sprintf("build argument %s without value", [concat(", ", from.unresolved_args)]),
}}

_external_labels := {
	"copy": "COPY --from image",
	"mount": "RUN --mount image",
	"onbuild copy": "ONBUILD COPY --from image",
	"onbuild mount": "ONBUILD RUN --mount image",
}

# run_commands are the shell texts RUN instructions execute, each with the
# stage's resource, the path a finding about the whole text points at, and
# its lines with their own paths (so a finding can name the exact line):
# the RUN itself (its arguments and heredoc bodies; its lines are the
# lines of the file it spans),
# and every script an earlier instruction wrote (heredoc COPY,
# `cat > f <<EOF`, `echo '...' > f`) that the RUN executes (`sh f`, `./f`,
# `. f`), whose lines are located at the lines of the heredoc that wrote
# them. script is the executed path, "" for the RUN's own text.
run_commands contains c if {
	some i, st in input.stages
	some j, ins in st.instructions
	ins.cmd == "run"
	path := ["stages", i, "instructions", j]
	text := concat("\n", array.concat([_run_argv(ins)], [h.content | some h in ins.heredocs]))
	c := {
		"resource": st.resource,
		"script": "",
		"text": text,
		"path": path,
		"lines": _run_lines(ins, path, text),
	}
}

# The exec form (RUN ["curl", "-k", "…"]) is the argv of one command:
# its words joined by spaces read like the shell form.
_run_argv(ins) := concat(" ", ins.value) if ins.json == true

else := concat("\n", ins.value)

# A RUN's lines are the physical lines of the file it spans (continuations
# and heredoc bodies), each with its own path; a document without them
# has the whole text at the RUN.
_run_lines(ins, path, text) := [{"text": t, "path": array.concat(path, ["lines", n])} | some n, t in ins.lines] if is_array(ins.lines)

else := [{"text": text, "path": path}]


run_commands contains c if {
	some i, st in input.stages
	some j, ins in st.instructions
	ins.cmd == "run"
	some k, s in object.get(ins, "scripts", [])
	path := ["stages", i, "instructions", j, "scripts", k]
	c := {
		"resource": st.resource,
		"script": s.path,
		"text": s.content,
		"path": path,
		"lines": [{"text": l, "path": array.concat(path, ["lines", n])} | some n, l in s.lines],
	}
}

# strip_comments removes shell comments (a # at the start of a word, to
# the end of the line) so rules do not read commented-out commands.
strip_comments(text) := regex.replace(text, `(?m)(^|[ \t])#.*$`, "")
