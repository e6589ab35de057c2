# METADATA
# title: Credential parameters are NoEcho
# description: >-
#   A parameter whose name says it holds a credential (DBPassword, ApiToken,
#   ClientSecret) is shown in plaintext by the console, DescribeStacks and
#   DescribeStackEvents unless NoEcho is true. Parameters of an
#   AWS::SSM::Parameter::Value<...> or other AWS-specific type hold the name
#   of a parameter or resource, not a secret, and are not reported.
# custom:
#   id: aws-secrets-parameter-noecho
#   severity: high
#   theme: secrets
#   formats: [cloudformation]
#   remediation: >-
#     Set NoEcho to true on the parameter, or better, drop the parameter and
#     read the secret with a {{resolve:secretsmanager:<secret-id>:SecretString:<key>}}
#     dynamic reference.
package tollgate.cloudformation.parameters_noecho

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.secrets

deny contains f if {
	some name, p in input.Parameters
	credential_parameter(name, p)
	not cfn.is_true(object.get(p, "NoEcho", false))
	f := {
		"resource": name,
		"path": ["Parameters", name, "NoEcho"],
		"message": sprintf("Parameter %s holds a credential but is not NoEcho, so its value is shown in plaintext", [name]),
	}
}

# credential_parameter holds for a parameter that carries a secret value.
credential_parameter(name, p) if {
	is_object(p)
	secrets.secret_name(name)
	not reference_type(object.get(p, "Type", "String"))
}

# AWS-specific parameter types (AWS::SSM::Parameter::Value<String>,
# AWS::EC2::KeyPair::KeyName) take the name of something that exists in the
# account; the value itself is not the secret.
reference_type(t) if {
	is_string(t)
	startswith(t, "AWS::")
}
