# METADATA
# title: No plaintext credentials in resource properties
# description: >-
#   A credential written as a literal in a resource property
#   (MasterUserPassword, AuthToken, SecretString, LoginProfile.Password,
#   Users[].Password, ...) is readable by everyone who can read the repository
#   or the deployed template, and cannot be rotated without a code change. A
#   Ref to a NoEcho parameter and {{resolve:secretsmanager:...}} or
#   {{resolve:ssm-secure:...}} dynamic references are not reported. Function
#   environment variables are checked by aws-secrets-environment-variable.
#   AWS::SSM::Parameter resources are reported when their name is a
#   credential: CloudFormation can only create plaintext String parameters;
#   so are literal AWS::ApiGateway::ApiKey values. Not credentials:
#   properties whose name only uses a credential noun as a modifier
#   (SecretArn, TokenUrl, PasswordReusePrevention), keys and values inside an
#   IAM policy statement's Condition (token.actions.githubusercontent.com:aud),
#   properties of blocks that configure credentials (TokenValidityUnits),
#   numbers, booleans and values public by their shape (certificates and
#   public keys, domains, IAM condition keys, URLs without credentials).
# custom:
#   id: aws-secrets-hardcoded-property
#   severity: critical
#   theme: secrets
#   formats: [cloudformation]
#   remediation: >-
#     Replace the literal with a {{resolve:secretsmanager:<secret-id>:SecretString:<key>}}
#     dynamic reference (RDS: ManageMasterUserPassword: true; Secrets Manager:
#     GenerateSecretString instead of SecretString) and rotate the exposed
#     credential.
package tollgate.cloudformation.credentials_hardcoded_property

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.credential_names
import data.tollgate.lib.secrets

deny contains f if {
	some name, r in input.Resources
	some [path, value] in secrets.literals(cfn.properties(r))
	key := path[count(path) - 1]
	secrets.secret_name(key)
	not environment_variable(r.Type, path)
	not credential_names.non_credential_path(path)
	some secret in secrets.plaintext_values(value)
	f := secrets.with_secret(
		cfn.finding(name, path, sprintf("%s property %s holds a plaintext credential", [r.Type, property_name(path)])),
		secret,
	)
}

# CloudFormation cannot create a SecureString parameter, so a credential in
# an AWS::SSM::Parameter is both in the template and stored unencrypted.
deny contains f if {
	some name, r in cfn.resources("AWS::SSM::Parameter")
	param_name := cfn.prop(r, "Name", "")
	is_string(param_name)
	segments := split(param_name, "/")
	secrets.secret_name(segments[count(segments) - 1])
	some secret in secrets.plaintext_values(cfn.prop(r, "Value", null))
	f := secrets.with_secret(
		cfn.finding(name, ["Value"], sprintf("SSM parameter %s holds a plaintext credential", [param_name])),
		secret,
	)
}

# An API Gateway API key's Value is the key itself.
deny contains f if {
	some name, r in cfn.resources("AWS::ApiGateway::ApiKey")
	some secret in secrets.plaintext_values(cfn.prop(r, "Value", null))
	f := secrets.with_secret(
		cfn.finding(name, ["Value"], "AWS::ApiGateway::ApiKey property Value holds a plaintext credential"),
		secret,
	)
}

# Environment variable maps are reported by aws-secrets-environment-variable.
environment_variable(type, path) if {
	type in {"AWS::Lambda::Function", "AWS::Serverless::Function"}
	array.slice(path, 0, 2) == ["Environment", "Variables"]
}

# property_name renders a path under Properties as LoginProfile.Password or
# Users[0].Password.
property_name(path) := concat("", [part |
	some i, p in path
	part := path_part(i, p)
])

path_part(_, p) := sprintf("[%d]", [p]) if is_number(p)

path_part(0, p) := p if is_string(p)

path_part(i, p) := sprintf(".%s", [p]) if {
	i > 0
	is_string(p)
}
