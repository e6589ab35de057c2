# METADATA
# description: Helpers for Terraform documents (HCL modules and plans share one shape).
package tollgate.lib.tf

import rego.v1

import data.tollgate.lib.core

# resources returns the managed resource instances of a type, keyed by their
# index in input.resources (the path element findings need). A function is
# not memoised: reading the index, built once per document, keeps each call
# from scanning every resource (views and the per-bucket Terraform lookups
# call it many times a document).
resources(type) := object.get(_by_type, type, {})

# _by_type is built as cfn's is (comprehensions, not a partial object rule;
# the inner comprehension is indexed on type).
_by_type := {type: rs |
	some type in _types
	rs := {i: r | some i, r in input.resources; r.mode == "managed"; r.type == type}
}

_types := {type | some r in input.resources; r.mode == "managed"; type := r.type; is_string(type)}

# value returns the value at a path under a resource's values, or def when
# missing. A null counts as missing: Terraform treats an argument set to
# null as unset, and plans list unset attributes as null.
value(r, path, def) := v if {
	v := object.get(r.values, path, null)
	v != null
} else := def

# has_value holds when an argument is set (an unknown is set).
has_value(r, path) if object.get(r.values, path, null) != null

# block returns the first element of a nested block (blocks are lists of
# objects), or an empty object when the block is absent.
block(r, name) := b if {
	bs := object.get(r.values, name, [])
	is_array(bs)
	count(bs) > 0
	b := bs[0]
} else := {}

# finding builds the object a rule returns for the resource at index i, with
# path relative to its values.
finding(i, path, msg) := {
	"resource": input.resources[i].address,
	"path": array.concat(["resources", i, "values"], path),
	"message": msg,
}

# resource_finding points at the resource block itself.
resource_finding(i, msg) := {
	"resource": input.resources[i].address,
	"path": ["resources", i],
	"message": msg,
}

# refers_to holds when value x references the resource at `address` (an
# unknown marker whose ref is that address or one of its instances).
refers_to(x, address) if {
	core.is_unknown(x)
	x.ref == address
}

refers_to(x, address) if {
	core.is_unknown(x)
	startswith(x.ref, concat("", [address, "["]))
}

refers_to(x, address) if {
	core.is_unknown(x)
	some r in x.refs
	r == address
}

# target returns the resources a value points at (by reference, or by a
# literal that equals the target's name attribute, e.g. a bucket name).
target(x, type, name_attr) := {i |
	some i, r in resources(type)
	refers_to(x, base_address(r.address))
} | {i |
	some i, r in resources(type)
	is_string(x)
	value(r, [name_attr], null) == x
}

# base_address strips the instance key from an address:
# aws_s3_bucket.b["x"] -> aws_s3_bucket.b.
base_address(addr) := regex.replace(addr, `\[[^\]]*\]$`, "")
