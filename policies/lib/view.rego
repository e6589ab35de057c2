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
#   {"resource", "type", "family", "path", "base", "values", "fields"}:
#   resource is what findings name (logical id, Terraform address), path
#   the resource's document path, base the path of its Properties/values,
#   values those settings as written, and fields {name: field} with
#   field = {"value", "path", "name"}: the value (null when missing; an
#   unknown when it or a block on the way is unknown), its document path
#   (where a missing value belongs) and its spelling in this format for
#   messages ("SSESpecification.SSEEnabled", "server_side_encryption.enabled").
resources(spec) := {key: with_fields(v, object.get(spec[family], "fields", {})) |
	some type in types(spec[family])
	some key, v in of_type(type)
}

types(s) := s.type if is_array(s.type)

types(s) := [s.type] if is_string(s.type)

# of_type returns the resources of one type as views without fields, keyed
# as in resources. Both indexes are built once per document (see cfn and tf).
of_type(type) := {name: {
	"resource": name,
	"type": type,
	"family": family,
	"path": ["Resources", name],
	"base": ["Resources", name, "Properties"],
	"values": object.get(r, "Properties", {}),
} |
	some name, r in cfn.resources(type)
} if family == "cloudformation"

of_type(type) := {i: {
	"resource": r.address,
	"type": type,
	"family": family,
	"path": ["resources", i],
	"base": ["resources", i, "values"],
	"values": object.get(r, "values", {}),
} |
	some i, r in tf.resources(type)
} if family == "terraform"

with_fields(v, paths) := object.union(v, {"fields": {name: field(v, p) | some name, p in paths}})

# with_value returns v with the value of field name replaced: how a service
# view states a format's own default where the plain path cannot (a
# provider default that applies only inside a block).
with_value(v, name, x) := object.union(v, {"fields": {name: object.union(v.fields[name], {"value": x})}})

# with_field returns v with field name replaced by value x at path p
# (relative to v's settings): where a format decides the setting somewhere
# else than the path the other format uses.
with_field(v, name, x, p) := object.union(v, {"fields": {name: {"value": x, "path": array.concat(v.base, p), "name": dotted(p)}}})

# with_resource_field returns v with field name set to value x, reported at
# the resource itself and spelled as spelling: a setting the format keeps
# in another resource (Terraform's aws_s3_bucket_public_access_block).
with_resource_field(v, name, x, spelling) := object.union(v, {"fields": {name: {"value": x, "path": v.path, "name": spelling}}})

# raw returns the resource of view v as the document has it.
raw(v) := object.get(input, v.path, null)

# field reads the setting at path p (relative to v's settings) as a field.
field(v, p) := {"value": get(v.values, p), "path": array.concat(v.base, p), "name": dotted(p)}

# get returns the value at path, the unknown marker when a value on the way
# is unknown (a property under an unknown block is unknown, not missing), or
# null when it is missing. Terraform lists unset arguments as null.
get(vals, path) := encryption.lookup(vals, path, null)

# value returns a field's value: null when it is missing or the format has
# no such field.
value(v, name) := object.get(v.fields, [name, "value"], null)

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
has(v, name) if is_set(value(v, name))

# spelled returns a field's name in the document's format, for messages.
spelled(v, name) := v.fields[name].name

# dotted spells a path without the block indexes of Terraform.
dotted(path) := concat(".", [p | some p in path; is_string(p)])

# finding reports field name of view v; fix maps each family to the
# remediation in its own spelling (a family without one falls back to the
# rule's METADATA remediation).
finding(v, name, msg, fix) := field_finding(v, v.fields[name], msg, fix)

# field_finding reports a field of v that the view computes rather than
# names (one cache behavior's policy, one listener's protocol).
field_finding(v, fld, msg, fix) := object.union(
	{"resource": v.resource, "path": fld.path, "message": msg},
	remediation(fix),
)

# finding_at reports the setting at path p relative to v's settings (a list
# element the view does not name, such as one cache behavior).
finding_at(v, p, msg, fix) := object.union(
	{"resource": v.resource, "path": array.concat(v.base, p), "message": msg},
	remediation(fix),
)

# resource_finding points at the resource itself.
resource_finding(v, msg, fix) := object.union(
	{"resource": v.resource, "path": v.path, "message": msg},
	remediation(fix),
)

remediation(fix) := {"remediation": fix[family]} if is_string(fix[family])

else := {}
