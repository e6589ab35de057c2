# METADATA
# description: >-
#   Environment variables of functions, containers, batch jobs and builds as
#   one view (see lib/view.rego).
package tollgate.lib.aws.environment

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf_integrity
import data.tollgate.lib.view

# variables are {"resource": the resource that sets the variable (a view
# without settings), "name": the variable's name, "value": its value as a
# field}. Terraform resources of remote modules are left out: their
# authors, not this repository, wrote the values.
variables contains {"resource": _resource(v), "name": name, "value": view.field(v, array.concat(p, [name]))} if {
	some type in ["AWS::Lambda::Function", "AWS::Serverless::Function"]
	some v in view.by_type[type]
	p := ["Environment", "Variables"]
	vars := view.get(v.values, p)
	_known_object(vars)
	some name, _ in vars
}

variables contains {"resource": _resource(v), "name": e.Name, "value": view.field(v, path)} if {
	some v in view.by_type["AWS::ECS::TaskDefinition"]
	cs := view.get(v.values, ["ContainerDefinitions"])
	some i, c in _list(cs)
	is_object(c) # an intrinsic or unknown value has no environment to read
	some j, e in _list(object.get(c, "Environment", []))
	_ = e.Value
	path := ["ContainerDefinitions", i, "Environment", j, "Value"]
}

variables contains {"resource": _resource(v), "name": e.Name, "value": view.field(v, path)} if {
	some v in view.by_type["AWS::Batch::JobDefinition"]
	some j, e in _list(view.get(v.values, ["ContainerProperties", "Environment"]))
	_ = e.Value
	path := ["ContainerProperties", "Environment", j, "Value"]
}

variables contains {"resource": _resource(v), "name": e.Name, "value": view.field(v, path)} if {
	some v in view.by_type["AWS::Batch::JobDefinition"]
	some t, task in _list(view.get(v.values, ["EcsProperties", "TaskProperties"]))
	some i, c in _list(object.get(task, "Containers", []))
	some j, e in _list(object.get(c, "Environment", []))
	_ = e.Value
	path := ["EcsProperties", "TaskProperties", t, "Containers", i, "Environment", j, "Value"]
}

# CodeBuild reads SECRETS_MANAGER and PARAMETER_STORE variables from there.
variables contains {"resource": _resource(v), "name": e.Name, "value": view.field(v, path)} if {
	some v in view.by_type["AWS::CodeBuild::Project"]
	some j, e in _list(view.get(v.values, ["Environment", "EnvironmentVariables"]))
	upper(object.get(e, "Type", "PLAINTEXT")) == "PLAINTEXT"
	_ = e.Value
	path := ["Environment", "EnvironmentVariables", j, "Value"]
}

variables contains {"resource": _resource(v), "name": name, "value": view.field(v, ["environment", i, "variables", name])} if {
	some v in _own("aws_lambda_function")
	some i, env in _list(object.get(v.values, "environment", []))
	some name, _ in object.get(env, "variables", {})
}

# A path into a JSON string points at the string (the deepest position
# that exists) but keeps one fingerprint per variable.
variables contains {"resource": _resource(v), "name": env.name, "value": _json_field(v, ["container_definitions", c, "environment", j, "value"], object.get(env, "value", null))} if {
	some v in _own("aws_ecs_task_definition")
	some c, def in tf_integrity.container_definitions(view.raw(v))
	some j, env in _list(object.get(def, "environment", []))
}

variables contains {"resource": _resource(v), "name": env.name, "value": _json_field(v, ["container_properties", "environment", j, "value"], object.get(env, "value", null))} if {
	some v in _own("aws_batch_job_definition")
	props := view.get(v.values, ["container_properties"])
	is_string(props)
	json.is_valid(props)
	some j, env in _list(object.get(json.unmarshal(props), "environment", []))
}

variables contains {"resource": _resource(v), "name": env.name, "value": view.field(v, ["environment", i, "environment_variable", j, "value"])} if {
	some v in _own("aws_codebuild_project")
	some i, environment in _list(object.get(v.values, "environment", []))
	some j, env in _list(object.get(environment, "environment_variable", []))
	# An unknown type may be PARAMETER_STORE or SECRETS_MANAGER: no finding.
	type := object.get(env, "type", "PLAINTEXT")
	is_string(type)
	upper(type) == "PLAINTEXT"
	_ = env.value
}

# sam_globals are the variables of a SAM template's Globals.Function, which
# SAM copies into every function (reported at Globals).
sam_globals contains {"name": name, "value": {"value": value, "path": ["Globals", "Function", "Environment", "Variables", name], "name": name}} if {
	some name, value in input.Globals.Function.Environment.Variables
}

_own(type) := {v |
	some v in view.by_type[type]
	tf_integrity.own_module(object.get(view.raw(v), "module", ""))
}

_json_field(v, p, value) := {"value": value, "path": array.concat(v.base, p), "name": view.dotted(p)}

# _list iterates what the document holds: an array, or the keys of an
# object (as the rules it replaces did; an unknown marker holds no
# variable names).
_list(x) := x if is_array(x)

else := x if {
	is_object(x)
	not core.is_unknown(x)
} else := []

_known_object(x) if {
	is_object(x)
	not core.is_unknown(x)
}

_resource(v) := object.remove(v, ["values", "fields", "paths"])
