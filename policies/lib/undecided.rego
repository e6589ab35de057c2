# METADATA
# description: >-
#   Undecided controls ("block if unsure"). A control whose deciding value
#   is unknown (a Ref to a parameter without default, a Terraform value
#   known only after apply, a FROM ${ARG} without value) neither passes nor
#   fails. With `unknown: block` (--unknown=block) the shared libraries add
#   a record of it to the rule's deny set next to the findings; the engine
#   turns each record into a finding of the rule's id family
#   (<rule-id>/unknown). With the default `unknown: pass` nothing is built.
package tollgate.lib.undecided

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# asked holds when the run blocks on undecided controls: the libraries
# check it first, so a run that does not ask pays nothing. The default
# keeps it defined, so it is evaluated once a document, not once a call.
default asked := false

asked if data.tollgate.config.unknown == "block"

# record is the deny element for a control of resource that cannot be
# decided because value x at document path p (spelled name in the
# format's terms) is unknown. The engine words the message.
record(resource, p, name, x) := {
	"resource": resource,
	"path": p,
	"undecided": {"field": name, "value": describe(x), "reason": reason(x)},
}

# at is record for the setting at path rel (relative to view v's
# settings) whose value x may be an unknown block on the way: the record
# points at the unknown itself, where its line is.
at(v, rel, x) := record(v.resource, array.concat(v.base, q), _spelled(q), x) if {
	q := unknown_prefix(v.values, rel)
} else := record(v.resource, array.concat(v.base, rel), _spelled(rel), x)

# fields are the undecided records of the views vs (lib/view) whose field
# of names is unknown: for a rule whose control is that field of every
# view, a deny rule adds them (asked first, so a run that does not ask
# stops before the arguments):
#
#	deny contains u if {
#		undecided.asked
#		some u in undecided.fields(efs.file_systems, ["encrypted"])
#	}
fields(vs, names) := {u |
	asked
	some v in vs
	some name in names
	u := field(v, name)
}

# field is the undecided record of view v when its field name is unknown,
# at the unknown itself (a block on the way may be the unknown one).
field(v, name) := u if {
	asked
	fld := view.field_of(v, name)
	core.is_unknown(fld.value)
	u := _field_record(v, name, fld)
}

_field_record(v, name, fld) := at(v, v.paths[name], fld.value) if {
	not v.fields[name]
} else := of_field(v, fld)

# of_field is the undecided record of a field a view computes (one block
# device's encrypted), when its value is unknown.
of_field(v, fld) := record(v.resource, fld.path, fld.name, fld.value) if {
	asked
	core.is_unknown(fld.value)
}

# unknown_prefix is the shortest prefix of path under vals that is
# unknown: a setting under an unknown block is unknown because of it.
unknown_prefix(vals, path) := array.slice(path, 0, min(at_)) if {
	at_ := [i |
		some i in numbers.range(0, count(path))
		core.is_unknown(object.get(vals, array.slice(path, 0, i), null))
	]
	count(at_) > 0
}

_spelled(p) := s if {
	s := concat(".", [e | some e in p; is_string(e)])
	s != ""
} else := "the resource's settings"

# describe is the value as written, for messages; a plan holds no
# expression, and Terraform itself prints "(known after apply)".
describe(x) := "(known after apply)" if {
	input.tollgate.format == "terraform-plan"
} else := x.expr if {
	core.is_unknown(x)
	is_string(x.expr)
} else := sprintf("%v", [x])

# from_input holds for an unknown that is an input of the deployment (a
# parameter, a variable, a build argument): it may be given any value,
# unlike a reference to another resource of the same document.
from_input(x) if _cfn_parameter(x)

from_input(x) if _tf_variable(x)

from_input(x) if {
	input.tollgate.format == "dockerfile"
	core.is_unknown(x)
}

_cfn_parameter(x) if {
	input.tollgate.format == "cloudformation"
	is_string(x.ref)
	input.Parameters[x.ref]
}

_tf_variable(x) if {
	input.tollgate.format == "terraform"
	is_string(x.expr)
	startswith(x.expr, "var.")
}

# reason says why x is unknown, in the terms of the document's format;
# a scanner that knows more says it in the marker (content an
# Fn::Transform brings in).
reason(x) := x.reason if {
	is_string(x.reason)
} else := "a parameter without default" if {
	_cfn_parameter(x)
} else := sprintf("an attribute of resource %s, known only once it is deployed", [x.ref]) if {
	input.tollgate.format == "cloudformation"
	is_string(x.ref)
	input.Resources[x.ref]
} else := "an export of another stack" if {
	input.tollgate.format == "cloudformation"
	startswith(x.expr, "Fn::ImportValue")
} else := "a condition that depends on a parameter" if {
	input.tollgate.format == "cloudformation"
	startswith(x.expr, "Fn::If")
} else := "an intrinsic function tollgate cannot resolve" if {
	input.tollgate.format == "cloudformation"
} else := "a variable without default or value" if {
	_tf_variable(x)
} else := sprintf("an attribute of %s the plan leaves to apply time", [x.ref]) if {
	input.tollgate.format == "terraform-plan"
	is_string(x.ref)
} else := "a value the plan leaves to apply time" if {
	input.tollgate.format == "terraform-plan"
} else := sprintf("an attribute of %s, known only after apply", [x.ref]) if {
	input.tollgate.format == "terraform"
	is_string(x.ref)
} else := "an expression known only after apply" if {
	input.tollgate.format == "terraform"
} else := "a build argument without value" if {
	input.tollgate.format == "dockerfile"
} else := "a value tollgate cannot compute"
