# METADATA
# title: Installed packages are pinned to versions
# description: >-
#   apt-get install pkg, apk add pkg, pip install pkg, npm install -g pkg,
#   gem install pkg and go install pkg@latest install whatever version is
#   current when the image is built, so two builds of one Dockerfile differ
#   and a compromised or broken release lands silently. A version (pkg=1.2,
#   pkg==1.2, pkg@1.2, -v 1.2, @v1.2), a requirements or constraints file,
#   a local path or a build variable ($PG_VERSION) counts as pinned.
#   Evaluated when require_pinned_packages is true in the configuration:
#   distribution packages from a stable release follow the base image
#   (pin that by digest), their old versions leave the mirrors, and 148 of
#   the 166 official docker-library Dockerfiles install some unpinned, so
#   on by default the rule would block nearly every image for little gain.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: docker-package-unpinned
#   severity: low
#   theme: integrity
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Pin the version (apt-get install curl=8.5.0-2, apk add curl=8.12.1-r0,
#     pip install requests==2.32.3 or -r requirements.txt with hashes,
#     npm install -g pnpm@9.1.0, gem install bundler -v 2.5.11,
#     go install golang.org/x/tools/gopls@v0.16.1).
package tollgate.dockerfile.package_unpinned

import rego.v1

import data.tollgate.lib.containers

_enabled if data.tollgate.config.require_pinned_packages == true

deny contains f if {
	_enabled
	some c in containers.run_commands
	some cmd in regex.split(`[;&|\n()]`, containers.strip_comments(c.text))
	words := _words(cmd)
	some m in _managers
	pkgs := _unpinned(m, words)
	count(pkgs) > 0
	f := {
		"resource": c.resource,
		"path": _where(c, pkgs[0]),
		"message": _message(c, m, pkgs),
	}
}

_message(c, m, pkgs) := sprintf("RUN %s installs %s without an exact version", [m, concat(", ", pkgs)]) if c.script == ""

else := sprintf("RUN executes %s, which %s installs %s without an exact version", [c.script, m, concat(", ", pkgs)])

# _words splits one command into words without quotes; a leading sudo or
# env assignment is dropped.
_words(cmd) := [w |
	some raw in regex.split(`\s+`, trim_space(cmd))
	w := trim(raw, `"'\`)
	w != ""
]

_managers := ["apt-get install", "apk add", "pip install", "npm install -g", "gem install", "go install"]

# _args are the words after the manager's subcommand, or undefined when
# the command is not that manager.
_args("apt-get install", words) := _after(words, {"apt-get", "apt"}, {"install"})

_args("apk add", words) := _after(words, {"apk"}, {"add"})

_args("pip install", words) := _after(words, {"pip", "pip3", "pip2"}, {"install"})

# python -m pip install: python and -m are prefix words of pip.

_args("npm install -g", words) := a if {
	a := _after(words, {"npm"}, {"install", "i", "add"})
	some g in {"-g", "--global", "--location=global"}
	g in a
}

_args("gem install", words) := _after(words, {"gem"}, {"install"})

_args("go install", words) := _after(words, {"go"}, {"install"})

# _after finds the tool as the command's first word (after sudo or
# VAR=value assignments) and returns what follows its subcommand.
_after(words, tools, subs) := array.slice(words, k + 1, count(words)) if {
	some i, w in words
	_base(w) in tools
	every p in array.slice(words, 0, i) {
		_prefix_word(p)
	}
	some k, s in words
	k > i
	s in subs
	every x in array.slice(words, i + 1, k) {
		startswith(x, "-")
	}
}

_prefix_word(p) if p == "sudo"

_prefix_word(p) if regex.match(`^[A-Za-z_][A-Za-z0-9_]*=`, p)

_prefix_word(p) if p in {"-m", "env"}

_prefix_word(p) if regex.match(`^python[0-9.]*$`, p)

_base(w) := parts[count(parts) - 1] if parts := split(w, "/")

# Options whose value is the next word.
_takes_value := {
	"-o", "-t", "--target-release", "-c", "--option",
	"-X", "--repository", "--virtual", "--root", "-p",
	"-i", "--index-url", "--extra-index-url", "--trusted-host", "-f", "--find-links", "--target", "--prefix", "--root", "--platform", "--python-version", "--implementation", "--abi",
	"--install-dir", "-n", "--bindir", "--source", "--registry", "--prefix",
}

_packages(args) := [a |
	some i, a in args
	not startswith(a, "-")
	not _option_value(args, i)
]

_option_value(args, i) if {
	i > 0
	args[i - 1] in _takes_value
}

_unpinned(m, words) := [p |
	args := _args(m, words)
	not _pinned_by_file(m, args)
	some p in _packages(args)
	not _pinned(m, p, args)
]

# A requirements or constraints file, or pip's --require-hashes, pins.
_pinned_by_file("pip install", args) if {
	some a in args
	regex.match(`^(-r|-c|--requirement|--constraint)(=.*)?$|^--require-hashes$|^-[rc].+`, a)
}

# gem install pkg -v 1.2 / --version 1.2 pins the command's gems.
_pinned_by_file("gem install", args) if {
	some a in args
	regex.match(`^(-v|--version)(=.*)?$`, a)
}

# Variables are unknown (docker-library images pin through ENV), local
# paths and files are not downloads of a registry's current version.
_pinned(_, p, _) if contains(p, "$")

_pinned(_, p, _) if regex.match(`^(\.|/|~)|\.(deb|apk|rpm|whl|gem|tgz|tar\.gz|zip)$`, p)

_pinned("apt-get install", p, _) if regex.match(`=.|/`, p)

_pinned("apk add", p, _) if regex.match(`[=~<>]`, p)

_pinned("pip install", p, _) if regex.match(`===?|@|://`, p)

_pinned("npm install -g", p, _) if regex.match(`^@?[^@]+@.`, p)

_pinned("gem install", p, _) if contains(p, ":")

# go install without @version builds a package of the current module;
# only @latest (or a branch-like @master/@main) pulls whatever is newest.
_pinned("go install", p, _) if not regex.match(`@(latest|master|main|HEAD)$`, p)

_where(c, pkg) := ps[0] if {
	ps := [l.path |
		some l in c.lines
		some raw in regex.split(`[\s;&|()]+`, containers.strip_comments(l.text))
		trim(raw, `"'\`) == pkg
	]
	count(ps) > 0
} else := c.path
