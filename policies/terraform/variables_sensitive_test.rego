package tollgate.terraform.variables_sensitive_test

import rego.v1

import data.tollgate.terraform.variables_sensitive as rule

var(name, extra) := object.union(
	{"address": sprintf("var.%s", [name]), "module": "", "name": name, "sensitive": false, "has_default": false, "type": "string"},
	extra,
)

test_not_sensitive if {
	got := rule.deny with input as {"module_calls": [], "variables": [var("db_password", {}), var("region", {})]}
	got == {{
		"resource": "var.db_password",
		"path": ["variables", 0, "sensitive"],
		"message": "Variable db_password holds a credential but is not sensitive, so its value is shown in plaintext",
	}}
}

test_sensitive_settings_and_references_not_reported if {
	got := rule.deny with input as {"module_calls": [], "variables": [
		var("db_password", {"sensitive": true}),
		var("password_length", {"type": "number"}),
		var("create_api_key", {"type": "bool"}),
		var("enable_auth", {"type": "bool"}),
		var("db_secret_arn", {}),
		var("kms_key_id", {}),
		var("manage_master_user_password", {}),
	]}
	got == set()
}

test_module_instances_reported_once if {
	got := rule.deny with input as {
		"module_calls": [
			{"address": "module.db[\"a\"]", "module": "", "source": "./modules/db"},
			{"address": "module.db[\"b\"]", "module": "", "source": "./modules/db"},
			{"address": "module.rds", "module": "", "source": "terraform-aws-modules/rds/aws"},
			{"address": "module.local_in_remote", "module": "", "source": "git::https://example.com/x.git"},
			{"address": "module.local_in_remote.module.inner", "module": "module.local_in_remote", "source": "./inner"},
		],
		"variables": [
			var("x", {"address": "module.db[\"a\"].var.password", "module": "module.db[\"a\"]", "name": "password"}),
			var("x", {"address": "module.db[\"b\"].var.password", "module": "module.db[\"b\"]", "name": "password"}),
			var("x", {"address": "module.rds.var.password", "module": "module.rds", "name": "password"}),
			var("x", {"address": "module.local_in_remote.module.inner.var.token", "module": "module.local_in_remote.module.inner", "name": "token"}),
		],
	}
	{[f.resource, f.path] | some f in got} == {["module.db.var.password", ["variables", 0, "sensitive"]]}
}

# terraform-aws-eks style inputs: the cluster CA, settings and references.
test_eks_style_variables_not_reported if {
	got := rule.deny with input as {"module_calls": [], "variables": [
		var("cluster_auth_base64", {}),
		var("certificate_authority_data", {}),
		var("password_lengths", {"type": "list(number)"}),
		var("token_settings", {"type": "map( bool )"}),
		var("enable_token_auth", {"type": "optional(bool)"}),
		var("oidc_token_audience", {}),
		var("ParentSecretStack", {}),
	]}
	got == set()
}
