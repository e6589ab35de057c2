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

# widdix-style templates pass the names of parent stacks whose exports they
# import; IAM password policy templates take numbers.
test_stack_names_and_numbers_not_reported if {
	count(rule.deny) == 0 with input as params({
		"ParentSecretStack": {"Type": "String", "Default": ""},
		"ParentAuthProxyStack": {"Type": "String"},
		"PasswordReusePrevention": {"Type": "Number", "Default": 24},
		"MaxPasswordAge": {"Type": "Number", "Default": 90},
		"PasswordMinLength": {"Type": "Number"},
		"TokenLengths": {"Type": "List<Number>"},
		"DatabaseSecretSubnets": {"Type": "List<AWS::EC2::Subnet::Id>"},
		"SecretSecurityGroups": {"Type": "AWS::SSM::Parameter::Value<List<String>>"},
	})
}

export_import(param) := {"__unknown__": true, "expr": sprintf(`Fn::ImportValue {"Fn::Sub":"${%s}-SecretArn"}`, [param])}

test_parameter_only_naming_imports_is_a_stack_name if {
	doc := {
		"Parameters": {"ParentSecret": {"Type": "String"}},
		"Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyDocument": {"Statement": [{"Resource": export_import("ParentSecret")}]}}]}}},
		"Outputs": {"Imported": {"Value": {"Fn::ImportValue": {"Fn::Sub": "${ParentSecret}-SecretArn"}}}},
	}
	count(rule.deny) == 0 with input as doc
}

test_parameter_also_used_directly_is_reported if {
	direct := {"__unknown__": true, "expr": "Ref ParentSecret", "ref": "ParentSecret"}
	in_sub := {"__unknown__": true, "expr": "Fn::Sub token=${ParentSecret}"}
	import_props := {"A": export_import("ParentSecret")}
	base := {"Parameters": {"ParentSecret": {"Type": "String"}}}
	count(rule.deny) == 1 with input as object.union(base, {"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": object.union(import_props, {"B": direct})}}})
	count(rule.deny) == 1 with input as object.union(base, {"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": object.union(import_props, {"B": in_sub})}}})
	count(rule.deny) == 1 with input as object.union(base, {
		"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": import_props}},
		"Outputs": {"Leak": {"Value": {"Ref": "ParentSecret"}}},
	})

	# Unused, or with a default whose Refs resolved away: decided by name.
	count(rule.deny) == 1 with input as object.union(base, {"Resources": {}})
	count(rule.deny) == 1 with input as {
		"Parameters": {"ParentSecret": {"Type": "String", "Default": "x"}},
		"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": import_props}},
	}
}

test_parameter_groups_and_raw_metadata if {
	base := {
		"Parameters": {"ParentSecret": {"Type": "String"}},
		"Resources": {"F": {
			"Type": "AWS::Lambda::Function",
			"Properties": {"A": export_import("ParentSecret")},
		}},
	}
	interface := {"AWS::CloudFormation::Interface": {"ParameterGroups": [{"Parameters": ["ParentSecret"]}]}}

	# Labelled in the console's parameter groups: still only a stack name.
	count(rule.deny) == 0 with input as object.union(base, {"Metadata": interface})

	# Written into a file by cfn-init (raw resource Metadata): a use.
	init := {"AWS::CloudFormation::Init": {"config": {"files": {"/etc/app": {"content": {"Fn::Sub": "key=${ParentSecret}"}}}}}}
	count(rule.deny) == 1 with input as object.union(base, {"Resources": {"F": {"Metadata": init}}})
}
