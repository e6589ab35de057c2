# METADATA
# title: No plaintext credentials in environment variables
# description: >-
#   An environment variable whose name says it holds a credential
#   (DB_PASSWORD, API_KEY, GITHUB_TOKEN) with a literal value puts the secret
#   in the code, the Terraform state and the function or task definition
#   (readable with lambda:GetFunctionConfiguration or
#   ecs:DescribeTaskDefinition). Covers aws_lambda_function
#   environment[].variables, the environment[] of aws_ecs_task_definition
#   container_definitions and aws_batch_job_definition container_properties
#   (JSON strings, usually from jsonencode), and PLAINTEXT
#   aws_codebuild_project environment variables. Values from sensitive
#   variables and other resources are not reported, nor are names where the
#   credential noun only modifies another head (DB_SECRET_ARN, TOKEN_URL,
#   PASSWORD_FILE), numbers, booleans and values public by their shape
#   (certificates, domains, URLs without credentials).
# custom:
#   id: aws-secrets-environment-variable
#   severity: critical
#   theme: secrets
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_lambda_function", "aws_ecs_task_definition", "aws_batch_job_definition", "aws_codebuild_project"]
#   remediation: >-
#     ECS/Batch: move the variable from environment to secrets with valueFrom
#     set to a Secrets Manager secret or SSM SecureString ARN. CodeBuild: set
#     type to SECRETS_MANAGER or PARAMETER_STORE. Lambda: store the secret in
#     Secrets Manager and read it at runtime (pass only the secret ARN).
#     Rotate the exposed credential.
package tollgate.terraform.secrets_environment

import rego.v1

import data.tollgate.lib.secrets
import data.tollgate.lib.tf
import data.tollgate.lib.tf_integrity

deny contains f if {
	some i, r in tf.resources("aws_lambda_function")
	some e, env in object.get(r.values, "environment", [])
	some var, value in object.get(env, "variables", {})
	some f in findings(i, ["environment", e, "variables", var], var, value)
}

# A path into a JSON string points at the string (the deepest position
# that exists) but keeps one fingerprint per variable.
deny contains f if {
	some i, r in tf.resources("aws_ecs_task_definition")
	some c, def in tf_integrity.container_definitions(r)
	some j, env in object.get(def, "environment", [])
	some f in findings(i, ["container_definitions", c, "environment", j, "value"], env.name, object.get(env, "value", null))
}

deny contains f if {
	some i, r in tf.resources("aws_batch_job_definition")
	props := tf.value(r, ["container_properties"], null)
	is_string(props)
	json.is_valid(props)
	some j, env in object.get(json.unmarshal(props), "environment", [])
	some f in findings(i, ["container_properties", "environment", j, "value"], env.name, object.get(env, "value", null))
}

deny contains f if {
	some i, r in tf.resources("aws_codebuild_project")
	some e, environment in object.get(r.values, "environment", [])
	some j, env in object.get(environment, "environment_variable", [])
	upper(object.get(env, "type", "PLAINTEXT")) == "PLAINTEXT"
	some f in findings(i, ["environment", e, "environment_variable", j, "value"], env.name, env.value)
}

findings(i, path, var, value) := {f |
	tf_integrity.own_module(object.get(input.resources[i], "module", ""))
	secrets.secret_name(var)
	some secret in secrets.plaintext_values(value)
	f := secrets.with_secret(
		tf.finding(i, path, sprintf("%s environment variable %s holds a plaintext credential", [input.resources[i].type, var])),
		secret,
	)
}
