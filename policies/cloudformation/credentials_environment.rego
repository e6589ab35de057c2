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
#   formats: [cloudformation]
#   resource_types: ["AWS::Lambda::Function", "AWS::Serverless::Function", "AWS::ECS::TaskDefinition", "AWS::Batch::JobDefinition", "AWS::CodeBuild::Project"]
#   remediation: >-
#     ECS: move the variable from Environment to Secrets with ValueFrom set to
#     a Secrets Manager secret or SSM SecureString ARN. CodeBuild: set Type to
#     SECRETS_MANAGER or PARAMETER_STORE. Lambda: store the secret in Secrets
#     Manager and read it at runtime (pass only the secret ARN in the
#     environment). Rotate the exposed credential.
package tollgate.cloudformation.credentials_environment

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.secrets

deny contains f if {
	some name, r in cfn.resources_in({"AWS::Lambda::Function", "AWS::Serverless::Function"})
	some var, value in cfn.prop(r, ["Environment", "Variables"], {})
	some f in findings(name, r.Type, ["Environment", "Variables", var], var, value)
}

deny contains f if {
	some name, r in cfn.resources("AWS::ECS::TaskDefinition")
	some i, c in cfn.prop(r, "ContainerDefinitions", [])
	is_object(c) # an intrinsic or unknown value has no environment to read
	some j, e in object.get(c, "Environment", [])
	some f in findings(name, r.Type, ["ContainerDefinitions", i, "Environment", j, "Value"], e.Name, e.Value)
}

deny contains f if {
	some name, r in cfn.resources("AWS::Batch::JobDefinition")
	some j, e in cfn.prop(r, ["ContainerProperties", "Environment"], [])
	some f in findings(name, r.Type, ["ContainerProperties", "Environment", j, "Value"], e.Name, e.Value)
}

deny contains f if {
	some name, r in cfn.resources("AWS::Batch::JobDefinition")
	some t, task in cfn.prop(r, ["EcsProperties", "TaskProperties"], [])
	some i, c in object.get(task, "Containers", [])
	some j, e in object.get(c, "Environment", [])
	path := ["EcsProperties", "TaskProperties", t, "Containers", i, "Environment", j, "Value"]
	some f in findings(name, r.Type, path, e.Name, e.Value)
}

deny contains f if {
	some name, r in cfn.resources("AWS::CodeBuild::Project")
	some j, e in cfn.prop(r, ["Environment", "EnvironmentVariables"], [])
	upper(object.get(e, "Type", "PLAINTEXT")) == "PLAINTEXT"
	some f in findings(name, r.Type, ["Environment", "EnvironmentVariables", j, "Value"], e.Name, e.Value)
}

# SAM Globals are not resolved: a literal is a string, a Ref is an object.
deny contains f if {
	some var, value in input.Globals.Function.Environment.Variables
	secrets.secret_name(var)
	some secret in secrets.plaintext_values(value)
	f := secrets.with_secret(
		{
			"resource": "Globals",
			"path": ["Globals", "Function", "Environment", "Variables", var],
			"message": sprintf("SAM Globals environment variable %s holds a plaintext credential", [var]),
		},
		secret,
	)
}

findings(name, type, path, var, value) := {f |
	secrets.secret_name(var)
	some secret in secrets.plaintext_values(value)
	f := secrets.with_secret(
		cfn.finding(name, path, sprintf("%s environment variable %s holds a plaintext credential", [type, var])),
		secret,
	)
}
