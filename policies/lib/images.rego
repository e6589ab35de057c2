# METADATA
# description: >-
#   Container image references (registry/repository:tag@digest) as Docker
#   and OCI tools parse them. Format-independent: shared by the
#   CloudFormation and Terraform image rules.
package tollgate.lib.images

import rego.v1

import data.tollgate.lib.core

# parse splits an image reference into registry (empty for Docker Hub),
# repository, tag and digest (empty when absent). A port belongs to the
# registry: localhost:5000/app has no tag.
parse(ref) := {
	"registry": registry,
	"repository": repository,
	"tag": tag,
	"digest": digest,
} if {
	at := split(ref, "@")
	digest := _digest(at)
	components := split(at[0], "/")
	registry := _registry(components)
	last := split(components[count(components) - 1], ":")
	tag := _tag(last)
	path := array.concat(array.slice(components, _first(registry), count(components) - 1), [last[0]])
	repository := concat("/", path)
}

_digest(at) := at[1] if count(at) == 2

else := ""

# The first component is a registry when it looks like a host name
# (contains a dot or a port) or is localhost, and more components follow.
_registry(components) := components[0] if {
	count(components) > 1
	_host(components[0])
} else := ""

# _first is the index of the first repository component.
_first("") := 0

_first(registry) := 1 if registry != ""

_host(c) if contains(c, ".")

_host(c) if contains(c, ":")

_host("localhost")

_tag(last) := last[1] if count(last) == 2

else := ""

# pinned holds when the reference names one immutable image by digest.
pinned(ref) if regex.match(`^[a-z0-9]+([+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$`, parse(ref).digest)

# unpinned holds for a known reference that can resolve to a different image
# tomorrow: no digest and the tag is latest or absent (which means latest).
unpinned(ref) if {
	is_string(ref)
	checkable(ref)
	not pinned(ref)
	parse(ref).tag in {"", "latest"}
}

# Values that are only partly known (template syntax, dynamic references)
# are not judged.
checkable(ref) if {
	not core.is_unknown(ref)
	trim_space(ref) != ""
	not contains(ref, "${")
	not contains(ref, "{{")
}
