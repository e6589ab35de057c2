# METADATA
# description: >-
#   Database parameter groups as one view (see lib/view.rego): RDS and
#   Aurora DB and DB cluster parameter groups, Redshift cluster parameter
#   groups. CloudFormation writes RDS parameters as a map and Redshift's as
#   a list of {ParameterName, ParameterValue}; Terraform writes both as
#   parameter blocks {name, value}. Each group reads as its family and
#   its parameters by lower-case name, each with its value and document path.
package tollgate.lib.aws.parameter_groups

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# Where a group's family and parameters are, per family and kind. `shape`
# says how parameters are written: "map" (name: value) or "list" of objects
# with `name` and `value` keys.
_specs := {
	"cloudformation": {
		"rds": {"type": "AWS::RDS::DBParameterGroup", "family": ["Family"], "params": ["Parameters"], "shape": "map"},
		"rds_cluster": {"type": "AWS::RDS::DBClusterParameterGroup", "family": ["Family"], "params": ["Parameters"], "shape": "map"},
		"redshift": {"type": "AWS::Redshift::ClusterParameterGroup", "family": ["ParameterGroupFamily"], "params": ["Parameters"], "shape": "list", "name": "ParameterName", "value": "ParameterValue"},
	},
	"terraform": {
		"rds": {"type": "aws_db_parameter_group", "family": ["family"], "params": ["parameter"], "shape": "list", "name": "name", "value": "value"},
		"rds_cluster": {"type": "aws_rds_cluster_parameter_group", "family": ["family"], "params": ["parameter"], "shape": "list", "name": "name", "value": "value"},
		"redshift": {"type": "aws_redshift_parameter_group", "family": ["family"], "params": ["parameter"], "shape": "list", "name": "name", "value": "value"},
	},
}

# groups(kind) returns the parameter groups of one kind ("rds",
# "rds_cluster", "redshift") whose parameters can be read: {"view",
# "family", "params", "params_path"}. A group whose parameters are unknown
# (a whole map from a parameter, a dynamic block) is left out: any
# parameter may be set.
groups(kind) := {g |
	spec := _specs[view.family][kind]
	some v in view.by_type[spec.type]
	raw := view.or_else(view.get(v.values, spec.params), empty(spec.shape))
	not core.is_unknown(raw)
	ps := params(spec, raw)
	not unknown_entry(spec, raw)
	g := {
		"view": v,
		"family": view.get(v.values, spec.family),
		"params": ps,
		"params_path": spec.params,
		"shape": spec.shape,
	}
}

empty("map") := {}

empty("list") := []

# params returns {lower-case name: {"value", "path"}}; paths are relative
# to the resource's settings.
params(spec, raw) := {lower(name): {"value": value, "path": array.concat(spec.params, [name])} |
	spec.shape == "map"
	is_object(raw)
	some name, value in raw
} if spec.shape == "map"

params(spec, raw) := {lower(name): {"value": object.get(p, spec.value, null), "path": array.concat(spec.params, [i, spec.value])} |
	is_array(raw)
	some i, p in raw
	is_object(p)
	name := object.get(p, spec.name, null)
	is_string(name)
} if spec.shape == "list"

# unknown_entry holds when an entry of a list cannot be read, or its name
# is unknown: it may be the parameter a rule looks for.
unknown_entry(spec, raw) if {
	spec.shape == "list"
	some p in raw
	core.is_unknown(p)
}

unknown_entry(spec, raw) if {
	spec.shape == "list"
	some p in raw
	is_object(p)
	core.is_unknown(object.get(p, spec.name, null))
}

# finding reports parameter name of group g: at its value when it is set,
# else where it belongs (its key in a map, the list of parameter blocks).
finding(g, name, msg, fix) := view.finding_at(g.view, g.params[name].path, msg, fix) if {
	g.params[name]
} else := view.finding_at(g.view, array.concat(g.params_path, [name]), msg, fix) if {
	g.shape == "map"
} else := view.finding_at(g.view, g.params_path, msg, fix)
