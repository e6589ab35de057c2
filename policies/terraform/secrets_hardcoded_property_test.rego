package tollgate.terraform.secrets_hardcoded_property_test

import rego.v1

import data.tollgate.terraform.secrets_hardcoded_property as rule

sensitive_var := {"__unknown__": true, "expr": "var.db_password", "sensitive": true}

generated := {"__unknown__": true, "expr": "random_password.db.result", "ref": "random_password.db", "attribute": "result"}

res(type, values) := {"address": sprintf("%s.this", [type]), "mode": "managed", "module": "", "type": type, "name": "this", "values": values}

doc(resources) := {"resources": resources, "module_calls": []}

test_db_password_literal if {
	got := rule.deny with input as doc([res("aws_db_instance", {"identifier": "orders", "username": "app", "password": "Sup3rS3cret!"})])
	got == {{
		"resource": "aws_db_instance.this",
		"path": ["resources", 0, "values", "password"],
		"message": "aws_db_instance argument password holds a plaintext credential",
		"secret": "Sup3rS3cret!",
	}}
}

test_nested_block_and_list_values if {
	got := rule.deny with input as doc([
		res("aws_mq_broker", {"user": [{"username": "admin", "password": "brokerpass123"}]}),
		res("aws_elasticache_user", {"user_name": "app", "passwords": ["first-password-1", "second-password-2"]}),
	])
	{f.path | some f in got} == {
		["resources", 0, "values", "user", 0, "password"],
		["resources", 1, "values", "passwords", 0],
		["resources", 1, "values", "passwords", 1],
	}
	some f in got
	f.message == "aws_mq_broker argument user[0].password holds a plaintext credential"
}

test_credential_arguments if {
	got := rule.deny with input as doc([
		res("aws_rds_cluster", {"master_password": "aurora-pass-1"}),
		res("aws_redshift_cluster", {"master_password": "Redshift1pass"}),
		res("aws_elasticache_replication_group", {"auth_token": "a-very-long-auth-token-1234"}),
		res("aws_dms_endpoint", {"password": "dms-pass-1"}),
		res("aws_directory_service_directory", {"password": "SuperSecretPassw0rd"}),
		res("aws_secretsmanager_secret_version", {"secret_string": "{\"password\":\"x1\"}"}),
		res("aws_lb_listener", {"default_action": [{"authenticate_oidc": [{"client_secret": "oidc-secret-1"}]}]}),
	])
	count(got) == 7
}

test_fixes_not_reported if {
	got := rule.deny with input as doc([
		res("aws_db_instance", {"manage_master_user_password": true, "master_user_secret_kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/1"}),
		res("aws_rds_cluster", {"master_password": sensitive_var}),
		res("aws_redshift_cluster", {"master_password": generated}),
		res("aws_elasticache_replication_group", {"auth_token": null, "auth_token_update_strategy": "ROTATE"}),
		res("aws_secretsmanager_secret_version", {"secret_string": {"__unknown__": true, "expr": "jsonencode(...)", "refs": ["random_password.a"]}}),
		res("aws_iam_user_login_profile", {"user": "alice", "password_length": 20, "password_reset_required": true}),
		res("aws_api_gateway_authorizer", {"authorizer_credentials": "arn:aws:iam::123456789012:role/authorizer"}),
		res("aws_secretsmanager_secret_rotation", {"secret_id": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"}),
		res("aws_s3_bucket", {"bucket": "b", "tags": {"Secret": "no-this-is-a-tag"}}),
	])
	got == set()
}

test_undecided_condition_reports_each_literal_branch if {
	v := {"__unknown__": true, "expr": "var.prod ? \"a-pass-1\" : \"b-pass-2\"", "options": ["a-pass-1", "b-pass-2"]}
	got := rule.deny with input as doc([res("aws_db_instance", {"password": v})])
	{f.secret | some f in got} == {"a-pass-1", "b-pass-2"}
}

test_lambda_environment_left_to_environment_rule if {
	got := rule.deny with input as doc([res("aws_lambda_function", {"environment": [{"variables": {"DB_PASSWORD": "hunter2-hunter2"}}]})])
	got == set()
}

test_ssm_secure_string if {
	got := rule.deny with input as doc([
		res("aws_ssm_parameter", {"name": "/orders/stripe", "type": "SecureString", "value": "sk-test-value-1"}),
		res("aws_ssm_parameter", {"name": "/orders/db/password", "type": "String", "value": "plain-pass-1"}),
		res("aws_ssm_parameter", {"name": "/orders/db/host", "type": "String", "value": "db.internal"}),
		res("aws_ssm_parameter", {"name": "/orders/api-key", "type": "SecureString", "value": sensitive_var}),
	])
	{[f.path, f.message] | some f in got} == {
		[["resources", 0, "values", "value"], "SSM parameter /orders/stripe holds a plaintext credential"],
		[["resources", 1, "values", "value"], "SSM parameter /orders/db/password holds a plaintext credential"],
	}
}

test_api_key_value if {
	got := rule.deny with input as doc([res("aws_api_gateway_api_key", {"name": "partner", "value": "abcdefghijklmnopqrst0123"})])
	count(got) == 1
}

test_data_sources_and_remote_modules_skipped if {
	got := rule.deny with input as {
		"resources": [
			{"address": "data.aws_db_instance.x", "mode": "data", "module": "", "type": "aws_db_instance", "values": {"password": "not-a-resource-1"}},
			{"address": "module.rds.aws_db_instance.this[0]", "mode": "managed", "module": "module.rds", "type": "aws_db_instance", "values": {"password": "third-party-1"}},
			{"address": "module.db.aws_db_instance.this", "mode": "managed", "module": "module.db", "type": "aws_db_instance", "values": {"password": "our-own-1"}},
		],
		"module_calls": [
			{"address": "module.rds", "module": "", "source": "terraform-aws-modules/rds/aws"},
			{"address": "module.db", "module": "", "source": "./modules/db"},
		],
	}
	{f.resource | some f in got} == {"module.db.aws_db_instance.this"}
}

test_policy_condition_not_reported if {
	got := rule.deny with input as doc([res("aws_iam_role", {"assume_role_policy": {"__unknown__": true, "expr": "jsonencode(...)", "json": {"Statement": [{"Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "x:token": "abc-not-checked"}}}]}}})])
	got == set()
}

# A type or name known only at apply time (terraform-aws-ssm-parameter's
# var.type) is not a string: the rule must neither fail at run time nor
# decide the parameter is secure from it.
test_ssm_parameter_unknown_type_and_name if {
	got := rule.deny with input as doc([res("aws_ssm_parameter", {
		"type": {"__unknown__": true, "expr": "var.type"},
		"name": {"__unknown__": true, "expr": "var.name"},
		"value": "not-a-credential",
	})])
	count(got) == 0
}
