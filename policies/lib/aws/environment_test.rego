package tollgate.lib.aws.environment_test

import rego.v1

import data.tollgate.lib.aws.environment

test_cloudformation_variables if {
	vars := environment.variables with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Environment": {"Variables": {"DB_PASSWORD": "x"}}}},
		"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Environment": [{"Name": "API_KEY", "Value": "y"}, {"Name": "NO_VALUE"}]}]}},
		"Build": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": {"EnvironmentVariables": [
			{"Name": "TOKEN", "Value": "z"},
			{"Name": "FROM_SM", "Value": "arn", "Type": "SECRETS_MANAGER"},
		]}}},
	}}
	{[e.resource.resource, e.name, e.value.value, e.value.path] | some e in vars} == {
		["Fn", "DB_PASSWORD", "x", ["Resources", "Fn", "Properties", "Environment", "Variables", "DB_PASSWORD"]],
		["Task", "API_KEY", "y", ["Resources", "Task", "Properties", "ContainerDefinitions", 0, "Environment", 0, "Value"]],
		["Build", "TOKEN", "z", ["Resources", "Build", "Properties", "Environment", "EnvironmentVariables", 0, "Value"]],
	}
}

test_terraform_variables_of_own_modules if {
	vars := environment.variables with input as {
		"tollgate": {"format": "terraform"},
		"resources": [
			{"address": "aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function", "module": "", "values": {"environment": [{"variables": {"DB_PASSWORD": "x"}}]}},
			{"address": "aws_ecs_task_definition.t", "mode": "managed", "type": "aws_ecs_task_definition", "module": "", "values": {"container_definitions": `[{"environment": [{"name": "API_KEY", "value": "y"}]}]`}},
			{"address": "module.remote.aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function", "module": "module.remote", "values": {"environment": [{"variables": {"SECRET": "s"}}]}},
		],
		"module_calls": [{"address": "module.remote", "module": "", "source": "terraform-aws-modules/lambda/aws"}],
	}
	{[e.resource.resource, e.name, e.value.value, e.value.path] | some e in vars} == {
		["aws_lambda_function.f", "DB_PASSWORD", "x", ["resources", 0, "values", "environment", 0, "variables", "DB_PASSWORD"]],
		["aws_ecs_task_definition.t", "API_KEY", "y", ["resources", 1, "values", "container_definitions", 0, "environment", 0, "value"]],
	}
}

test_sam_globals if {
	gs := environment.sam_globals with input as {"tollgate": {"format": "cloudformation"}, "Globals": {"Function": {"Environment": {"Variables": {"API_TOKEN": "t"}}}}, "Resources": {}}
	gs == {{"name": "API_TOKEN", "value": {"value": "t", "path": ["Globals", "Function", "Environment", "Variables", "API_TOKEN"], "name": "API_TOKEN"}}}
}

# A CodeBuild variable whose type is unknown (var.type) may come from a
# secret store: it is not listed, and the rule does not err on it.
test_codebuild_unknown_type if {
	vars := environment.variables with input as {
		"tollgate": {"format": "terraform"},
		"resources": [{"address": "aws_codebuild_project.b", "mode": "managed", "type": "aws_codebuild_project", "module": "", "values": {"environment": [{"environment_variable": [
			{"name": "TOKEN", "value": "z", "type": {"__unknown__": true, "expr": "var.type"}},
			{"name": "PLAIN", "value": "p"},
		]}]}}],
	}
	{e.name | some e in vars} == {"PLAIN"}
}
