package tollgate.cloudformation.parameters_default_test

import rego.v1

import data.tollgate.cloudformation.parameters_default as rule

params(ps) := {"Parameters": ps, "Resources": {}}

test_default_with_noecho if {
	rule.deny == {{
		"resource": "DBPassword",
		"path": ["Parameters", "DBPassword", "Default"],
		"message": "Parameter DBPassword has a plaintext credential as its Default",
		"secret": "changeme",
	}} with input as params({"DBPassword": {"Type": "String", "NoEcho": true, "Default": "changeme"}})
}

test_default_without_noecho if {
	count(rule.deny) == 1 with input as params({"GithubOAuthToken": {"Type": "String", "Default": "s3cr3t-t0ken"}})
}

test_no_default if {
	count(rule.deny) == 0 with input as params({"DBPassword": {"Type": "String", "NoEcho": true}})
}

test_empty_or_placeholder_default if {
	count(rule.deny) == 0 with input as params({
		"DBPassword": {"Type": "String", "NoEcho": true, "Default": ""},
		"ApiKey": {"Type": "String", "NoEcho": true, "Default": "{{resolve:secretsmanager:prod/api:SecretString:key}}"},
		"ClientSecret": {"Type": "String", "NoEcho": true, "Default": "<client-secret>"},
	})
}

test_ssm_parameter_default_is_a_name if {
	count(rule.deny) == 0 with input as params({"DBPassword": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/prod/db/password"}})
}

test_not_a_credential_name if {
	count(rule.deny) == 0 with input as params({"DBUser": {"Type": "String", "Default": "admin"}})
}
