# METADATA
# description: >-
#   Views: one shape for a resource whatever format wrote it. CloudFormation
#   (and CDK, which is CloudFormation) keeps a resource's settings under
#   Properties with their own spelling; Terraform HCL and plans keep them
#   under values, nested blocks as lists. A view names each setting once
#   (a field) and remembers, for the current document, the value, the exact
#   document path it came from and its spelling there, so a control is
#   written once and still reports the path Go turns into file, line and
#   column. The per-service views are in lib/aws/.
package tollgate.lib.view

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.tf

# family is the format family of the current document: "cloudformation"
# or "terraform" (HCL and plans share one shape). Undefined for others, so
# views are empty there.
family := "cloudformation" if input.tollgate.format == "cloudformation"

family := "terraform" if input.tollgate.format in {"terraform", "terraform-plan"}

# resources(spec) returns the views of the resources a spec describes,
# keyed by logical id (CloudFormation) or index in input.resources
# (Terraform). A spec has one entry per family, each with
#   type    the resource type, or a list of types read the same way;
#   fields  {name: path}: where each field is, relative to Properties or
#           values (Terraform blocks are lists: the path holds index 0).
#           A field a format does not have is left out of its entry and
#           reads as missing.
# A view is
#   {"key", "resource", "type", "family", "path", "base", "values", "paths"},
#   and "fields" once a service view states some itself (with_value,
#   with_field): key is the key above, resource what findings name (logical
#   id, Terraform address), path the resource's document path, base that of
#   its settings, values the settings as written, paths the spec's fields.
# A field is {"value", "path", "name"}: the value (null when missing; an
# unknown when it or a block on the way is unknown), its document path
# (where a missing value belongs) and its spelling in this format for
# messages ("SSESpecification.SSEEnabled", "server_side_encryption.enabled").
# Fields are read when a rule asks for them (field_of, value), not for every
# resource up front: a template of 20,000 buckets builds only what its
# rules read.
resources(spec) := _with_paths(by_type[s.type], object.get(s, "fields", {})) if {
	s := spec[family]
	is_string(s.type)
} else := {} if {
	# Most specs name a type the document does not have: nothing to build.
	is_string(spec[family].type)
} else := {key: v |
	s := spec[family]
	paths := object.get(s, "fields", {})
	some type in s.type
	vs := by_type[type] # undefined for a type the document does not have
	some key, v in _with_paths(vs, paths)
}

# _with_paths gives the views vs the spec's field paths; most types of a
# spec are not in the document, and those cost nothing.
_with_paths(vs, paths) := {k: object.union(v, {"paths": paths}) | some k, v in vs}

# types lists a spec's types; one chain, so a string type is not also
# tried as an array (the controls tables ask it for every control).
types(s) := [s.type] if is_string(s.type)

else := s.type if is_array(s.type)

# of_type returns the resources of one type as views without fields, keyed
# as in resources. Rules and service views read them dozens of times a
# document, and a function is not memoised: it reads the views of every
# type, built once per document.
of_type(type) := object.get(by_type, type, {})

# by_type holds those views by type (only types the document has): where a
# rule iterates them, `some v in view.by_type[type]` is a lookup, cheaper
# than the function call.
by_type := {type: _views(type) | some type in _types}

_types := {type | some r in input.Resources; type := r.Type; is_string(type)} if family == "cloudformation"

else := {type | some r in input.resources; r.mode == "managed"; type := r.type; is_string(type)} if family == "terraform"

# Both resource indexes are built once per document (see cfn and tf).
_views(type) := {name: {
	"key": name,
	"resource": name,
	"type": type,
	"family": "cloudformation",
	"path": ["Resources", name],
	"base": ["Resources", name, "Properties"],
	"values": object.get(r, "Properties", {}),
	"paths": {},
} |
	some name, r in cfn.resources(type)
} if family == "cloudformation"

_views(type) := {i: {
	"key": i,
	"resource": r.address,
	"type": type,
	"family": "terraform",
	"path": ["resources", i],
	"base": ["resources", i, "values"],
	"values": object.get(r, "values", {}),
	"paths": {},
} |
	some i, r in tf.resources(type)
} if family == "terraform"

# field_of returns field name of v: the one a service view stated, else the
# one its spec names; undefined when the format has no such field.
field_of(v, name) := f if {
	f := v.fields[name]
} else := field(v, v.paths[name])

# with_value returns v with the value of field name replaced: how a service
# view states a format's own default where the plain path cannot (a
# provider default that applies only inside a block).
with_value(v, name, x) := object.union(v, {"fields": {name: object.union(field_of(v, name), {"value": x})}})

# with_field returns v with field name replaced by value x at path p
# (relative to v's settings): where a format decides the setting somewhere
# else than the path the other format uses.
with_field(v, name, x, p) := object.union(v, {"fields": {name: {"value": x, "path": array.concat(v.base, p), "name": dotted(p)}}})

# with_paths returns v reading the fields at paths instead: another part
# of the same resource seen as a view of its own (a bucket's public access
# block configuration).
with_paths(v, paths) := object.union(v, {"paths": paths})

# with_resource_field returns v with field name set to value x, reported at
# the resource itself and spelled as spelling: a setting the format keeps
# in another resource (Terraform's aws_s3_bucket_public_access_block).
with_resource_field(v, name, x, spelling) := object.union(v, {"fields": {name: {"value": x, "path": v.path, "name": spelling}}})

# raw returns the resource of view v as the document has it.
raw(v) := input.Resources[v.key] if v.family == "cloudformation"

else := input.resources[v.key]

# path and base return the document paths of the resource of view v and
# of its settings (also for the small views sub-entities carry).
path(v) := v.path

base(v) := v.base

# field reads the setting at path p (relative to v's settings) as a field.
field(v, p) := {"value": get(v.values, p), "path": array.concat(v.base, p), "name": dotted(p)}

# get returns the value at path, the unknown marker when a value on the way
# is unknown (a property under an unknown block is unknown, not missing), or
# null when it is missing. Terraform lists unset arguments as null. Most
# paths are one key, under settings that are known: read those directly.
get(vals, path) := object.get(vals, path, null) if {
	count(path) == 1
	not core.is_unknown(vals)
} else := encryption.lookup(vals, path, null)

# value returns a field's value: null when it is missing or the format has
# no such field.
value(v, name) := x if {
	x := v.fields[name].value
} else := x if {
	# get's common case inline: one key under known settings.
	p := v.paths[name]
	count(p) == 1
	not v.values.__unknown__
	x := object.get(v.values, p, null)
} else := x if {
	x := encryption.lookup(v.values, v.paths[name], null)
} else := null

# value_or returns a field's value, or def when it is missing: the service
# default.
value_or(v, name, def) := or_else(value(v, name), def)

# or_else returns x, or def when x is missing (null).
or_else(x, def) := x if x != null

else := def

# is_set holds for a value or block that is present: not missing, not null,
# not an empty block list. An unknown is set.
is_set(x) if {
	x != null
	x != []
}

# has holds when field name of v is set.
has(v, name) if {
	x := value(v, name)
	x != null
	x != []
}

# spelled returns a field's name in the document's format, for messages.
spelled(v, name) := x if {
	x := v.fields[name].name
} else := dotted(v.paths[name])

# dotted spells a path without the block indexes of Terraform.
dotted(path) := concat(".", [p | some p in path; is_string(p)])

# finding reports field name of view v; fix maps each family to the
# remediation in its own spelling (a family without one falls back to the
# rule's METADATA remediation). The finding helpers build their object in
# one function each: a Rego function call costs more than the object.
finding(v, name, msg, fix) := {"resource": v.resource, "path": v.fields[name].path, "message": msg, "remediation": fix[v.family]} if {
	v.fields[name]
	is_string(fix[v.family])
} else := {"resource": v.resource, "path": v.fields[name].path, "message": msg} if {
	v.fields[name]
} else := {"resource": v.resource, "path": array.concat(v.base, v.paths[name]), "message": msg, "remediation": fix[v.family]} if {
	is_string(fix[v.family])
} else := {"resource": v.resource, "path": array.concat(v.base, v.paths[name]), "message": msg}

# field_finding reports a field of v that the view computes rather than
# names (one cache behavior's policy, one listener's protocol).
field_finding(v, fld, msg, fix) := {"resource": v.resource, "path": fld.path, "message": msg, "remediation": fix[v.family]} if {
	is_string(fix[v.family])
} else := {"resource": v.resource, "path": fld.path, "message": msg}

# finding_at reports the setting at path p relative to v's settings (a list
# element the view does not name, such as one cache behavior).
finding_at(v, p, msg, fix) := {"resource": v.resource, "path": array.concat(v.base, p), "message": msg, "remediation": fix[v.family]} if {
	is_string(fix[v.family])
} else := {"resource": v.resource, "path": array.concat(v.base, p), "message": msg}

# resource_finding points at the resource itself.
resource_finding(v, msg, fix) := {"resource": v.resource, "path": v.path, "message": msg, "remediation": fix[v.family]} if {
	is_string(fix[v.family])
} else := {"resource": v.resource, "path": v.path, "message": msg}

remediation(fix) := {"remediation": fix[family]} if is_string(fix[family])

else := {}
