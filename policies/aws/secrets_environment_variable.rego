# METADATA
# title: No plaintext credentials in environment variables
# description: >-
#   An environment variable whose name says it holds a credential
#   (DB_PASSWORD, API_KEY, GITHUB_TOKEN) with a literal value puts the secret
#   in the template, in the function or task definition (readable with
#   lambda:GetFunctionConfiguration or ecs:DescribeTaskDefinition) and in the
#   console. Covers Lambda and SAM functions (including SAM Globals), ECS
#   container definitions, Batch job definitions and CodeBuild projects
#   (PLAINTEXT variables). Names where the credential noun only modifies
#   another head (DB_SECRET_ARN, TOKEN_URL, PASSWORD_FILE), numbers,
#   booleans and values public by their shape (certificates, domains, URLs
#   without credentials) are not reported.
# custom:
#   id: aws-secrets-environment-variable
#   severity: critical
#   theme: secrets
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Batch::JobDefinition", "AWS::CodeBuild::Project", "AWS::ECS::TaskDefinition", "AWS::Lambda::Function", "AWS::Serverless::Function", "aws_batch_job_definition", "aws_codebuild_project", "aws_ecs_task_definition", "aws_lambda_function"]
#   remediation: >-
#     ECS: move the variable from Environment to Secrets with ValueFrom set to
#     a Secrets Manager secret or SSM SecureString ARN. CodeBuild: set Type to
#     SECRETS_MANAGER or PARAMETER_STORE. Lambda: store the secret in Secrets
#     Manager and read it at runtime (pass only the secret ARN in the
#     environment). Rotate the exposed credential.
package tollgate.aws.secrets_environment_variable

import rego.v1

import data.tollgate.lib.aws.environment
import data.tollgate.lib.secrets
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "ECS: move the variable from Environment to Secrets with ValueFrom set to a Secrets Manager secret or SSM SecureString ARN. CodeBuild: set Type to SECRETS_MANAGER or PARAMETER_STORE. Lambda: store the secret in Secrets Manager and read it at runtime (pass only the secret ARN in the environment). Rotate the exposed credential.",
	"terraform": "ECS/Batch: move the variable from environment to secrets with valueFrom set to a Secrets Manager secret or SSM SecureString ARN. CodeBuild: set type to SECRETS_MANAGER or PARAMETER_STORE. Lambda: store the secret in Secrets Manager and read it at runtime (pass only the secret ARN). Rotate the exposed credential.",
}

deny contains f if {
	some e in environment.variables
	secrets.secret_name(e.name)
	some secret in secrets.plaintext_values(e.value.value)
	msg := sprintf("%s environment variable %s holds a plaintext credential", [e.resource.type, e.name])
	f := secrets.with_secret(view.field_finding(e.resource, e.value, msg, fix), secret)
}

# SAM Globals are not resolved: a literal is a string, a Ref is an object.
deny contains f if {
	some g in environment.sam_globals
	secrets.secret_name(g.name)
	some secret in secrets.plaintext_values(g.value.value)
	f := secrets.with_secret(
		{
			"resource": "Globals",
			"path": g.value.path,
			"message": sprintf("SAM Globals environment variable %s holds a plaintext credential", [g.name]),
			"remediation": fix.cloudformation,
		},
		secret,
	)
}
