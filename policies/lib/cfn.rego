# METADATA
# description: Helpers for CloudFormation templates (and CDK stacks).
package tollgate.lib.cfn

import rego.v1

import data.tollgate.lib.core

# resources returns the resources of the given type, keyed by logical id.
# The index is a complete rule, so it is built once per document however
# many rules ask for a type.
resources(type) := object.get(_by_type, type, {})

# _by_type is built with comprehensions, not as a partial object rule
# (_by_type[type][name] := r): OPA checks each key a partial object rule
# adds against every key added before, which is quadratic in the resource
# count. The inner comprehension closes over type in an assignment, so OPA
# indexes it (one pass over the resources, grouped by type).
_by_type := {type: rs |
	some type in _types
	rs := {name: r | some name, r in input.Resources; r.Type == type}
}

_types := {type | some r in input.Resources; type := r.Type; is_string(type)}

# resources_in returns the resources whose type is in the set types, keyed by
# logical id: rules iterate only what they check, not every resource.
resources_in(types) := {name: r |
	some type in types
	some name, r in resources(type)
}

# properties of a resource, empty when it has none; undefined when r is not
# an object (a Fn::ForEach entry under Resources is an array), so callers
# skip what is not a resource.
properties(r) := object.get(r, "Properties", {}) if is_object(r)

# prop returns the value at a path under Properties, or def when missing.
prop(r, path, def) := object.get(properties(r), path, def)

# has_prop holds when a property is set (an unknown value is set).
has_prop(r, path) if {
	sentinel := {"__tollgate_missing__": true}
	object.get(properties(r), path, sentinel) != sentinel
}

# A property under an unknown block may be set: Properties filled in by an
# Fn::Transform (AWS::Include), an undecided Fn::If over a whole block.
has_prop(r, path) if {
	p := _as_path(path)
	some i in numbers.range(0, count(p) - 1)
	core.is_unknown(object.get(properties(r), array.slice(p, 0, i), null))
}

# _as_path takes a path the way object.get does: a key or an array of keys.
_as_path(p) := p if is_array(p)

_as_path(p) := [p] if is_string(p)

# finding builds the object a rule returns for resource `name`, with `path`
# relative to the resource's Properties.
finding(name, path, msg) := {
	"resource": name,
	"path": array.concat(["Resources", name, "Properties"], path),
	"message": msg,
}

# resource_finding points at the resource itself (for problems that are not
# about one property).
resource_finding(name, msg) := {
	"resource": name,
	"path": ["Resources", name],
	"message": msg,
}

is_true(x) := core.is_true(x)

is_false(x) := core.is_false(x)

is_unknown(x) := core.is_unknown(x)

# refers_to holds when value x is a Ref/GetAtt to the resource `name`.
refers_to(x, name) if {
	core.is_unknown(x)
	x.ref == name
}
