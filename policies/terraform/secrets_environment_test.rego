package tollgate.terraform.secrets_environment_test

import rego.v1

import data.tollgate.terraform.secrets_environment as rule

res(type, values) := {"address": sprintf("%s.this", [type]), "mode": "managed", "module": "", "type": type, "values": values}

doc(resources) := {"resources": resources, "module_calls": []}

sensitive := {"__unknown__": true, "expr": "var.token", "sensitive": true}

test_lambda_literal if {
	got := rule.deny with input as doc([res("aws_lambda_function", {"environment": [{"variables": {
		"API_TOKEN": "tok-1234567890",
		"LOG_LEVEL": "debug",
		"SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api",
		"DB_PASSWORD": sensitive,
	}}]})])
	got == {{
		"resource": "aws_lambda_function.this",
		"path": ["resources", 0, "values", "environment", 0, "variables", "API_TOKEN"],
		"message": "aws_lambda_function environment variable API_TOKEN holds a plaintext credential",
		"secret": "tok-1234567890",
	}}
}

containers := json.marshal([{
	"name": "api",
	"image": "app:1.2",
	"environment": [{"name": "DB_PASSWORD", "value": "pg-pass-1"}, {"name": "DB_HOST", "value": "db.internal"}],
	"secrets": [{"name": "API_KEY", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api"}],
}])

test_ecs_container_definitions if {
	got := rule.deny with input as doc([res("aws_ecs_task_definition", {"container_definitions": containers})])
	got == {{
		"resource": "aws_ecs_task_definition.this",
		"path": ["resources", 0, "values", "container_definitions", 0, "environment", 0, "value"],
		"message": "aws_ecs_task_definition environment variable DB_PASSWORD holds a plaintext credential",
		"secret": "pg-pass-1",
	}}
}

test_ecs_unknown_or_invalid_definitions if {
	got := rule.deny with input as doc([
		res("aws_ecs_task_definition", {"container_definitions": {"__unknown__": true, "expr": "templatefile(...)"}}),
		res("aws_ecs_task_definition", {"container_definitions": "[{"}),
	])
	got == set()
}

test_batch_and_codebuild if {
	got := rule.deny with input as doc([
		res("aws_batch_job_definition", {"container_properties": json.marshal({"environment": [{"name": "GITHUB_TOKEN", "value": "gh-literal-1"}]})}),
		res("aws_codebuild_project", {"environment": [{"environment_variable": [
			{"name": "NPM_TOKEN", "value": "npm-literal-1"},
			{"name": "DOCKER_PASSWORD", "value": "/ci/docker/password", "type": "PARAMETER_STORE"},
		]}]}),
	])
	{f.path | some f in got} == {
		["resources", 0, "values", "container_properties", "environment", 0, "value"],
		["resources", 1, "values", "environment", 0, "environment_variable", 0, "value"],
	}
}
