# METADATA
# title: COPY rather than ADD for local files
# description: >-
#   ADD also fetches URLs and git repositories and unpacks local tar
#   archives; for plain local files it does what COPY does, but a reader
#   (and a later edit) cannot tell which behaviour was meant, and a file
#   that happens to be a tar archive is silently extracted. ADD of a URL,
#   a git repository or a tar archive (whose extraction is the point) is
#   not reported, nor a source with a build variable.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: docker-add-local
#   severity: info
#   theme: container-hardening
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Replace ADD with COPY (same flags: --chown, --chmod, --link).
package tollgate.dockerfile.add_local

import rego.v1

deny contains f if {
	some i, st in input.stages
	some j, ins in st.instructions
	ins.cmd == "add"
	sources := _sources(ins)
	count(sources) > 0
	every s in sources {
		_plain_local(s)
	}
	f := {
		"resource": st.resource,
		"path": ["stages", i, "instructions", j],
		"message": sprintf("ADD of local %s: use COPY", [concat(", ", sources)]),
	}
}

# The sources are every argument but the destination; heredoc sources
# (ADD <<EOF) are content the Dockerfile shows, like COPY <<EOF.
_sources(ins) := array.slice(ins.value, 0, count(ins.value) - 1)

_plain_local(s) if {
	not regex.match(`^([a-zA-Z][a-zA-Z0-9+.-]*://|git@)`, s)
	not contains(s, "$")
	not regex.match(`(?i)\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|tzst)$`, s)
}
