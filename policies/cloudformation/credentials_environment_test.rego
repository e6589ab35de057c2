package tollgate.cloudformation.credentials_environment_test

import rego.v1

import data.tollgate.cloudformation.credentials_environment as rule

res(name, type, props) := {"Resources": {name: {"Type": type, "Properties": props}}}

noecho := {"__unknown__": true, "expr": "Ref ApiToken", "ref": "ApiToken", "sensitive": true}

test_lambda_variable if {
	rule.deny == {{
		"resource": "OrdersFn",
		"path": ["Resources", "OrdersFn", "Properties", "Environment", "Variables", "DB_PASSWORD"],
		"message": "AWS::Lambda::Function environment variable DB_PASSWORD holds a plaintext credential",
		"secret": "hunter2hunter2",
	}} with input as res("OrdersFn", "AWS::Lambda::Function", {"Runtime": "python3.12", "Environment": {"Variables": {
		"DB_PASSWORD": "hunter2hunter2",
		"DB_HOST": "db.internal",
		"DB_PASSWORD_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db",
		"STRIPE_API_KEY": noecho,
		"GITHUB_TOKEN": "{{resolve:secretsmanager:ci/github:SecretString:token}}",
	}}})
}

test_serverless_function if {
	count(rule.deny) == 1 with input as res("Fn", "AWS::Serverless::Function", {"Environment": {"Variables": {"ApiKey": "k-live-123"}}})
}

test_ecs_environment if {
	rule.deny == {{
		"resource": "WebTask",
		"path": ["Resources", "WebTask", "Properties", "ContainerDefinitions", 1, "Environment", 0, "Value"],
		"message": "AWS::ECS::TaskDefinition environment variable SECRET_KEY_BASE holds a plaintext credential",
		"secret": "0f3a9c",
	}} with input as res("WebTask", "AWS::ECS::TaskDefinition", {"ContainerDefinitions": [
		{"Name": "proxy", "Environment": [{"Name": "PORT", "Value": "8080"}]},
		{
			"Name": "web",
			"Environment": [{"Name": "SECRET_KEY_BASE", "Value": "0f3a9c"}, {"Name": "RAILS_ENV", "Value": "production"}],
			"Secrets": [{"Name": "DATABASE_PASSWORD", "ValueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"}],
		},
	]})
}

test_ecs_unknown_environment if {
	count(rule.deny) == 0 with input as res("T", "AWS::ECS::TaskDefinition", {"ContainerDefinitions": [{"Name": "web", "Environment": {"__unknown__": true, "expr": "Fn::If [...]"}}]})
	count(rule.deny) == 0 with input as res("T", "AWS::ECS::TaskDefinition", {"ContainerDefinitions": {"__unknown__": true, "expr": "Fn::If [...]"}})
}

test_batch if {
	count(rule.deny) == 1 with input as res("Job", "AWS::Batch::JobDefinition", {"ContainerProperties": {"Environment": [{"Name": "API_TOKEN", "Value": "t-123"}]}})
	count(rule.deny) == 1 with input as res("Job", "AWS::Batch::JobDefinition", {"EcsProperties": {"TaskProperties": [{"Containers": [{"Environment": [{"Name": "API_TOKEN", "Value": "t-123"}]}]}]}})
}

test_codebuild_plaintext_only if {
	count(rule.deny) == 1 with input as res("Build", "AWS::CodeBuild::Project", {"Environment": {"EnvironmentVariables": [{"Name": "NPM_TOKEN", "Value": "tok"}]}})
	count(rule.deny) == 1 with input as res("Build", "AWS::CodeBuild::Project", {"Environment": {"EnvironmentVariables": [{"Name": "NPM_TOKEN", "Type": "PLAINTEXT", "Value": "tok"}]}})
	count(rule.deny) == 0 with input as res("Build", "AWS::CodeBuild::Project", {"Environment": {"EnvironmentVariables": [{"Name": "NPM_TOKEN", "Type": "SECRETS_MANAGER", "Value": "ci/npm:token"}]}})
	count(rule.deny) == 0 with input as res("Build", "AWS::CodeBuild::Project", {"Environment": {"EnvironmentVariables": [{"Name": "NPM_TOKEN", "Type": "PARAMETER_STORE", "Value": "/ci/npm-token"}]}})
}

test_sam_globals if {
	rule.deny == {{
		"resource": "Globals",
		"path": ["Globals", "Function", "Environment", "Variables", "SLACK_TOKEN"],
		"message": "SAM Globals environment variable SLACK_TOKEN holds a plaintext credential",
		"secret": "slack-tok",
	}} with input as {"Globals": {"Function": {"Environment": {"Variables": {"SLACK_TOKEN": "slack-tok", "OTHER_TOKEN": {"Ref": "Tok"}}}}}, "Resources": {}}
}

test_both_branches_of_undecidable_condition if {
	count(rule.deny) == 2 with input as res("Fn", "AWS::Lambda::Function", {"Environment": {"Variables": {"DB_PASSWORD": {"__unknown__": true, "expr": "Fn::If", "options": ["a-pw", "b-pw"]}}}})
}
