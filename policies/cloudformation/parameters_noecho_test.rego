package tollgate.cloudformation.parameters_noecho_test

import rego.v1

import data.tollgate.cloudformation.parameters_noecho as rule

params(ps) := {"Parameters": ps, "Resources": {}}

test_secret_parameter_without_noecho if {
	rule.deny == {{
		"resource": "DBPassword",
		"path": ["Parameters", "DBPassword", "NoEcho"],
		"message": "Parameter DBPassword holds a credential but is not NoEcho, so its value is shown in plaintext",
	}} with input as params({"DBPassword": {"Type": "String", "MinLength": 12}})
}

test_noecho_false_in_either_form if {
	count(rule.deny) == 1 with input as params({"ApiToken": {"Type": "String", "NoEcho": false}})
	count(rule.deny) == 1 with input as params({"ApiToken": {"Type": "String", "NoEcho": "false"}})
}

test_noecho_true if {
	count(rule.deny) == 0 with input as params({"DBPassword": {"Type": "String", "NoEcho": true}})
	count(rule.deny) == 0 with input as params({"DBPassword": {"Type": "String", "NoEcho": "true"}})
}

test_not_a_credential_name if {
	count(rule.deny) == 0 with input as params({
		"DBPasswordSecretArn": {"Type": "String"},
		"MinimumPasswordLength": {"Type": "Number"},
		"TokenizerModel": {"Type": "String"},
		"DBUsername": {"Type": "String"},
	})
}

test_ssm_and_aws_types_hold_names if {
	count(rule.deny) == 0 with input as params({
		"DBPassword": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/prod/db/password"},
		"SshPrivateKey": {"Type": "AWS::EC2::KeyPair::KeyName"},
	})
}

test_no_parameters if {
	count(rule.deny) == 0 with input as {"Resources": {}}
}
