# METADATA
# title: Module sources are pinned
# description: >-
#   A module source that can change under the same configuration runs
#   unreviewed code with the permissions of whoever applies it. A registry
#   module needs an exact version (5.1.0 or = 5.1.0; ~> and >= pick up new
#   releases); a Git source (git::, github.com/..., bitbucket.org/...,
#   git@host:...) needs ref set to a full 40-character commit id, since
#   branches and tags can be moved. Local paths are part of the repository.
#   Calls inside remote modules are not reported (not the repository's code).
# custom:
#   id: terraform-module-pinned
#   severity: medium
#   theme: integrity
#   formats: [terraform]
#   resource_types: ["module"]
#   remediation: >-
#     Registry modules: set version = "5.1.0" (an exact version). Git modules:
#     append ?ref=<full commit sha> to the source, e.g.
#     git::https://github.com/acme/tf-modules.git//vpc?ref=4e1c2b...
#     (40 hex characters).
package tollgate.terraform.module_pinned

import rego.v1

import data.tollgate.lib.tf_integrity

deny contains f if {
	some i, c in first_instances
	registry_source(c.source)
	not exact_version(object.get(c, "version", ""))
	f := {
		"resource": call_address(c),
		"path": ["module_calls", i, "version"],
		"message": sprintf("Module %s uses registry module %s without an exact version", [call_address(c), c.source]),
	}
}

deny contains f if {
	some i, c in first_instances
	git_source(c.source)
	not commit_ref(c.source)
	f := {
		"resource": call_address(c),
		"path": ["module_calls", i, "source"],
		"message": sprintf("Module %s uses a Git source that is not pinned to a commit id (ref=<40-hex sha>)", [call_address(c)]),
	}
}

# first_instances holds each module block once (a call with count or
# for_each has one entry per instance), keyed by index in module_calls.
first_instances := {i: c |
	some i, c in input.module_calls
	tf_integrity.own_module(c.module)
	not called_before(i, c)
}

called_before(i, c) if {
	some j, d in input.module_calls
	j < i
	call_address(d) == call_address(c)
}

call_address(c) := regex.replace(c.address, `\[[^\]]*\]`, "")

# Registry addresses: namespace/name/provider, optionally behind a host.
registry_source(s) if {
	not git_source(s)
	_registry_address(s)
}

_registry_address(s) if regex.match(`^([a-zA-Z0-9.-]+\.[a-zA-Z]{2,}(:[0-9]+)?/)?[0-9A-Za-z-]+/[0-9A-Za-z_-]+/[0-9a-z]+(//.*)?$`, s)

git_source(s) if startswith(s, "git::")

git_source(s) if regex.match(`^(https://)?(github\.com|bitbucket\.org)/`, s)

git_source(s) if regex.match(`^git@[^:]+:`, s)

# Sources of other kinds (local, HTTP archives, S3, GCS, Mercurial) are not
# judged here.
exact_version(v) if regex.match(`^\s*=?\s*v?[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$`, v)

commit_ref(s) if regex.match(`[?&]ref=[0-9a-fA-F]{40}(&|$)`, s)
