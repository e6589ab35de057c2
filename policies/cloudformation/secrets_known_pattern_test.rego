package tollgate.cloudformation.secrets_known_pattern_test

import rego.v1

import data.tollgate.cloudformation.secrets_known_pattern as rule

key := "AKIA2OGYBAH6TYHRWSQX"

test_access_key_in_lambda_environment if {
	rule.deny == {{
		"resource": "SyncFn",
		"path": ["Resources", "SyncFn", "Properties", "Environment", "Variables", "AWS_ACCESS_KEY_ID"],
		"message": "credential (aws-access-token) found in the template",
		"secret": key,
	}} with input as {
		"tollgate": {"api": 1, "format": "cloudformation", "file": "t.yaml"},
		"Resources": {"SyncFn": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables": {"AWS_ACCESS_KEY_ID": key}}}}},
	}
}

test_every_section if {
	pem := "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkgq3u0TKt7tEwAAAAtzc2gtZWQyNTUxOQAAACBJ7hVx2fU0Q3mXqk2Vh1Zs0xj3RrYgk8y\n-----END EC PRIVATE KEY-----"
	found := rule.deny with input as {
		"Description": sprintf("uses %s", [key]),
		"Parameters": {"GithubToken": {"Type": "String", "NoEcho": true, "Default": "ghp_4f0aQ1bX9zK2mN7pR5sT8uV3wY6cE1dH0jLq"}},
		"Mappings": {"Keys": {"eu-west-1": {"Stripe": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}}},
		"Outputs": {"Pem": {"Value": pem}},
		"Metadata": {"Notes": ["slack https://hooks.slack.com/services/T0123ABCD/B0123ABCD/AbCdEfGhIjKlMnOpQrStUvWx"]},
		"Resources": {},
	}
	{[f.resource, f.path] | some f in found} == {
		["Description", ["Description"]],
		["GithubToken", ["Parameters", "GithubToken", "Default"]],
		["Keys", ["Mappings", "Keys", "eu-west-1", "Stripe"]],
		["Pem", ["Outputs", "Pem", "Value"]],
		["Notes", ["Metadata", "Notes", 0]],
	}
	{f.secret | some f in found} == {
		key, "ghp_4f0aQ1bX9zK2mN7pR5sT8uV3wY6cE1dH0jLq", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", pem,
		"https://hooks.slack.com/services/T0123ABCD/B0123ABCD/AbCdEfGhIjKlMnOpQrStUvWx",
	}
	every f in found {
		not contains(f.message, f.secret)
	}
}

test_tollgate_key_is_not_searched if {
	count(rule.deny) == 0 with input as {"tollgate": {"file": sprintf("%s.yaml", [key])}, "Resources": {}}
}

test_documentation_example_and_clean_template if {
	count(rule.deny) == 0 with input as {"Resources": {"U": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": "ci", "Description": "AKIAIOSFODNN7EXAMPLE"}}}}
	count(rule.deny) == 0 with input as {"Resources": {"Key": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"__unknown__": true, "expr": "Ref CiUser", "ref": "CiUser"}}}}}
}

test_two_credentials_in_one_value if {
	count(rule.deny) == 2 with input as {"Resources": {"S": {"Type": "AWS::SecretsManager::Secret", "Properties": {"SecretString": sprintf("{\"id\":\"%s\",\"gh\":\"ghp_4f0aQ1bX9zK2mN7pR5sT8uV3wY6cE1dH0jLq\"}", [key])}}}}
}

test_database_url_and_placeholders if {
	found := rule.deny with input as {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables": {
		"DATABASE_URL": "postgres://app:Zq8-Wm2Xv4Tn@db.internal:5432/app",
		"CACHE_URL": "redis://:{{resolve:secretsmanager:cache:SecretString:password}}@cache:6379",
		"QUEUE_URL": "amqp://app:${QueuePassword}@mq",
	}}}}}}
	{[f.path, f.secret] | some f in found} == {[["Resources", "Fn", "Properties", "Environment", "Variables", "DATABASE_URL"], "Zq8-Wm2Xv4Tn"]}
}
