# METADATA
# title: Credential parameters are NoEcho
# description: >-
#   A parameter whose name says it holds a credential (DBPassword, ApiToken,
#   ClientSecret, AuthToken: a credential noun is the head of the name) is
#   shown in plaintext by the console, DescribeStacks and DescribeStackEvents
#   unless NoEcho is true. Not credentials: names where the noun only
#   modifies another head (ParentSecretStack, SecretArn, PasswordLength,
#   PasswordReusePrevention, TokenAudience, AccessKeyId), names about a
#   certificate (ClusterAuthBase64, CaCert), parameters of type Number or
#   List<Number>, of an AWS-specific type (AWS::SSM::Parameter::Value<...>,
#   AWS::EC2::KeyPair::KeyName, List<AWS::EC2::Subnet::Id>: the name of
#   something, not a secret) and parameters without a default that the
#   template only uses inside Fn::ImportValue (a parent stack's name).
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

# credential_parameter holds for a parameter that carries a secret value:
# its name is about a credential, its type can hold one, and it is not only
# the name of a stack whose exports the template imports.
credential_parameter(name, p) if {
	is_object(p)
	secrets.secret_name(name)
	t := object.get(p, "Type", "String")
	not reference_type(t)
	not setting_type(t)
	not export_name_parameter(name, p)
}

# AWS-specific parameter types (AWS::SSM::Parameter::Value<String>,
# AWS::EC2::KeyPair::KeyName, List<AWS::EC2::Subnet::Id>) take the name or id
# of something that exists in the account; the value itself is not the
# secret (a key pair name is not the private key).
reference_type(t) if {
	is_string(t)
	contains(t, "AWS::")
}

# A Number parameter (PasswordReusePrevention, MaxPasswordAge) holds a
# setting; CloudFormation rejects anything but a number.
setting_type(t) if t in {"Number", "List<Number>"}

# export_name_parameter holds for a parameter without a default that the
# template only uses to build the names of exports it imports
# ({"Fn::ImportValue": {"Fn::Sub": "${ParentSecret}-SecretArn"}}): a stack
# name, shown in the console on purpose. Every string that mentions the
# parameter in resources (resolved properties: unknowns' expressions; raw
# Metadata), outputs and template metadata must be such an import;
# conditions only compare it. A parameter with a default is left to its
# name: a Ref to it resolves to the default, and that use is no longer
# visible.
export_name_parameter(name, p) if {
	not "Default" in object.keys(p)
	regex.match(`^[A-Za-z0-9]+$`, name)
	sections := {s: input[s] | some s in ["Resources", "Outputs", "Metadata"]}
	uses := tollgate.strings(sections, "", sprintf(`^%s$|\$\{%s\}|"Ref":"%s"`, [name, name, name]))
	some use in uses
	_import(use[0], use[1])
	every use in uses {
		_import_or_label(use[0], use[1])
	}
}

_import(path, _) if "Fn::ImportValue" in path

_import(path, expr) if {
	path[count(path) - 1] == "expr"
	startswith(expr, "Fn::ImportValue ")
}

_import_or_label(path, expr) if _import(path, expr)

# An undecided Fn::If is judged by its options, which are unknowns of
# their own.
_import_or_label(path, expr) if {
	path[count(path) - 1] == "expr"
	startswith(expr, "Fn::If ")
}

# The console's parameter groups and labels name the parameter.
_import_or_label(path, _) if array.slice(path, 0, 2) == ["Metadata", "AWS::CloudFormation::Interface"]
