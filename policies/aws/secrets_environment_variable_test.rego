package tollgate.aws.secrets_environment_variable_test

import rego.v1

import data.tollgate.aws.secrets_environment_variable as rule

# CloudFormation (and CDK)

cfn_res(name, type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {name: {"Type": type, "Properties": props}}}

noecho := {"__unknown__": true, "expr": "Ref ApiToken", "ref": "ApiToken", "sensitive": true}

test_cloudformation_lambda_variable if {
	rule.deny == {{
		"resource": "OrdersFn",
		"path": ["Resources", "OrdersFn", "Properties", "Environment", "Variables", "DB_PASSWORD"],
		"message": "AWS::Lambda::Function environment variable DB_PASSWORD holds a plaintext credential",
		"remediation": rule.fix.cloudformation,
		"secret": "hunter2hunter2",
	}} with input as cfn_res("OrdersFn", "AWS::Lambda::Function", {"Runtime": "python3.12", "Environment": {"Variables": {
		"DB_PASSWORD": "hunter2hunter2",
		"DB_HOST": "db.internal",
		"DB_PASSWORD_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db",
		"STRIPE_API_KEY": noecho,
		"GITHUB_TOKEN": "{{resolve:secretsmanager:ci/github:SecretString:token}}",
	}}})
}

test_cloudformation_serverless_function if {
	count(rule.deny) == 1 with input as cfn_res("Fn", "AWS::Serverless::Function", {"Environment": {"Variables": {"ApiKey": "k-live-123"}}})
}

test_cloudformation_ecs_environment if {
	rule.deny == {{
		"resource": "WebTask",
		"path": ["Resources", "WebTask", "Properties", "ContainerDefinitions", 1, "Environment", 0, "Value"],
		"message": "AWS::ECS::TaskDefinition environment variable SECRET_KEY_BASE holds a plaintext credential",
		"remediation": rule.fix.cloudformation,
		"secret": "0f3a9c",
	}} with input as cfn_res("WebTask", "AWS::ECS::TaskDefinition", {"ContainerDefinitions": [
		{"Name": "proxy", "Environment": [{"Name": "PORT", "Value": "8080"}]},
		{
			"Name": "web",
			"Environment": [{"Name": "SECRET_KEY_BASE", "Value": "0f3a9c"}, {"Name": "RAILS_ENV", "Value": "production"}],
			"Secrets": [{"Name": "DATABASE_PASSWORD", "ValueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"}],
		},
	]})
}

test_cloudformation_ecs_unknown_environment if {
	count(rule.deny) == 0 with input as cfn_res("T", "AWS::ECS::TaskDefinition", {"ContainerDefinitions": [{"Name": "web", "Environment": {"__unknown__": true, "expr": "Fn::If [...]"}}]})
	count(rule.deny) == 0 with input as cfn_res("T", "AWS::ECS::TaskDefinition", {"ContainerDefinitions": {"__unknown__": true, "expr": "Fn::If [...]"}})
}

test_cloudformation_batch if {
	count(rule.deny) == 1 with input as cfn_res("Job", "AWS::Batch::JobDefinition", {"ContainerProperties": {"Environment": [{"Name": "API_TOKEN", "Value": "t-123"}]}})
	count(rule.deny) == 1 with input as cfn_res("Job", "AWS::Batch::JobDefinition", {"EcsProperties": {"TaskProperties": [{"Containers": [{"Environment": [{"Name": "API_TOKEN", "Value": "t-123"}]}]}]}})
}

test_cloudformation_codebuild_plaintext_only if {
	count(rule.deny) == 1 with input as cfn_res("Build", "AWS::CodeBuild::Project", {"Environment": {"EnvironmentVariables": [{"Name": "NPM_TOKEN", "Value": "tok"}]}})
	count(rule.deny) == 1 with input as cfn_res("Build", "AWS::CodeBuild::Project", {"Environment": {"EnvironmentVariables": [{"Name": "NPM_TOKEN", "Type": "PLAINTEXT", "Value": "tok"}]}})
	count(rule.deny) == 0 with input as cfn_res("Build", "AWS::CodeBuild::Project", {"Environment": {"EnvironmentVariables": [{"Name": "NPM_TOKEN", "Type": "SECRETS_MANAGER", "Value": "ci/npm:token"}]}})
	count(rule.deny) == 0 with input as cfn_res("Build", "AWS::CodeBuild::Project", {"Environment": {"EnvironmentVariables": [{"Name": "NPM_TOKEN", "Type": "PARAMETER_STORE", "Value": "/ci/npm-token"}]}})
}

test_cloudformation_sam_globals if {
	rule.deny == {{
		"resource": "Globals",
		"path": ["Globals", "Function", "Environment", "Variables", "SLACK_TOKEN"],
		"message": "SAM Globals environment variable SLACK_TOKEN holds a plaintext credential",
		"remediation": rule.fix.cloudformation,
		"secret": "slack-tok",
	}} with input as {"tollgate": {"format": "cloudformation"}, "Globals": {"Function": {"Environment": {"Variables": {"SLACK_TOKEN": "slack-tok", "OTHER_TOKEN": {"Ref": "Tok"}}}}}, "Resources": {}}
}

test_cloudformation_both_branches_of_undecidable_condition if {
	count(rule.deny) == 2 with input as cfn_res("Fn", "AWS::Lambda::Function", {"Environment": {"Variables": {"DB_PASSWORD": {"__unknown__": true, "expr": "Fn::If", "options": ["a-pw", "b-pw"]}}}})
}

# Terraform

tf_res(type, values) := {"address": sprintf("%s.this", [type]), "mode": "managed", "module": "", "type": type, "values": values}

doc(resources) := {"tollgate": {"format": "terraform"}, "resources": resources, "module_calls": []}

sensitive := {"__unknown__": true, "expr": "var.token", "sensitive": true}

test_terraform_lambda_literal if {
	got := rule.deny with input as doc([tf_res("aws_lambda_function", {"environment": [{"variables": {
		"API_TOKEN": "tok-1234567890",
		"LOG_LEVEL": "debug",
		"SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api",
		"DB_PASSWORD": sensitive,
	}}]})])
	got == {{
		"resource": "aws_lambda_function.this",
		"path": ["resources", 0, "values", "environment", 0, "variables", "API_TOKEN"],
		"message": "aws_lambda_function environment variable API_TOKEN holds a plaintext credential",
		"remediation": rule.fix.terraform,
		"secret": "tok-1234567890",
	}}
}

containers := json.marshal([{
	"name": "api",
	"image": "app:1.2",
	"environment": [{"name": "DB_PASSWORD", "value": "pg-pass-1"}, {"name": "DB_HOST", "value": "db.internal"}],
	"secrets": [{"name": "API_KEY", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:api"}],
}])

test_terraform_ecs_container_definitions if {
	got := rule.deny with input as doc([tf_res("aws_ecs_task_definition", {"container_definitions": containers})])
	got == {{
		"resource": "aws_ecs_task_definition.this",
		"path": ["resources", 0, "values", "container_definitions", 0, "environment", 0, "value"],
		"message": "aws_ecs_task_definition environment variable DB_PASSWORD holds a plaintext credential",
		"remediation": rule.fix.terraform,
		"secret": "pg-pass-1",
	}}
}

test_terraform_ecs_unknown_or_invalid_definitions if {
	got := rule.deny with input as doc([
		tf_res("aws_ecs_task_definition", {"container_definitions": {"__unknown__": true, "expr": "templatefile(...)"}}),
		tf_res("aws_ecs_task_definition", {"container_definitions": "[{"}),
	])
	got == set()
}

test_terraform_batch_and_codebuild if {
	got := rule.deny with input as doc([
		tf_res("aws_batch_job_definition", {"container_properties": json.marshal({"environment": [{"name": "GITHUB_TOKEN", "value": "gh-literal-1"}]})}),
		tf_res("aws_codebuild_project", {"environment": [{"environment_variable": [
			{"name": "NPM_TOKEN", "value": "npm-literal-1"},
			{"name": "DOCKER_PASSWORD", "value": "/ci/docker/password", "type": "PARAMETER_STORE"},
		]}]}),
	])
	{f.path | some f in got} == {
		["resources", 0, "values", "container_properties", "environment", 0, "value"],
		["resources", 1, "values", "environment", 0, "environment_variable", 0, "value"],
	}
}
