# METADATA
# description: |
#   Terraform helpers for the credential, integrity, image and residency
#   rules: which module instances are the scanned repository's own code,
#   container definitions held as JSON strings, provider source addresses
#   and the configured region allow-list.
package tollgate.lib.tf_integrity

import rego.v1

# own_module holds for the root module ("") and for module instances reached
# only through local calls (./ or ../ sources): their code is the
# repository's. Code of remote modules, even when `terraform init` fetched
# it, is not the author's to fix and is not reported.
own_module("")

own_module(module) if {
	module != ""
	not _remote_ancestor(module)
}

_remote_ancestor(module) if {
	some c in input.module_calls
	_calls_into(c.address, module)
	not local_source(c.source)
}

# _calls_into holds when the call instance `call` is `module` or one of the
# modules it is nested in.
_calls_into(call, call)

_calls_into(call, module) if startswith(module, concat("", [call, "."]))

# local_source holds for a module source that is a path in the repository.
local_source(s) if startswith(s, "./")

local_source(s) if startswith(s, "../")

# container_definitions returns the parsed container definitions of an ECS
# task definition (Terraform holds them as one JSON string, usually from
# jsonencode or file), or [] when they are unknown or not valid JSON.
container_definitions(r) := defs if {
	s := object.get(r.values, "container_definitions", null)
	is_string(s)
	json.is_valid(s)
	defs := json.unmarshal(s)
	is_array(defs)
} else := []

# provider_address turns a required_providers source ("hashicorp/aws") or a
# bare local name into the registry address the lock file keys on
# (registry.terraform.io/hashicorp/aws).
provider_address(source, _) := lower(source) if count(split(source, "/")) == 3

provider_address(source, _) := lower(concat("/", ["registry.terraform.io", source])) if count(split(source, "/")) == 2

provider_address(source, _) := lower(concat("/", ["registry.terraform.io/hashicorp", source])) if {
	source != ""
	count(split(source, "/")) == 1
}

provider_address("", name) := lower(concat("/", ["registry.terraform.io/hashicorp", name]))

# lock_key returns the address without the default registry host, so that a
# lock file written by OpenTofu (registry.opentofu.org) matches too.
lock_key(address) := substring(address, count(prefix), -1) if {
	some prefix in {"registry.terraform.io/", "registry.opentofu.org/"}
	startswith(address, prefix)
} else := address

# allowed_regions is the configured region allow-list (lower case); empty
# when the configuration does not restrict regions.
allowed_regions := {lower(r) | some r in data.tollgate.config.allowed_regions; is_string(r)}

# region_allowed holds when a region matches an entry of the allow-list,
# exactly or as a glob pattern ("eu-*").
region_allowed(region) if lower(region) in allowed_regions

region_allowed(region) if {
	some pattern in allowed_regions
	contains(pattern, "*")
	glob.match(pattern, [], lower(region))
}
