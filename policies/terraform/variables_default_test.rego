package tollgate.terraform.variables_default_test

import rego.v1

import data.tollgate.terraform.variables_default as rule

var(name, extra) := object.union(
	{"address": sprintf("var.%s", [name]), "module": "", "name": name, "sensitive": false, "has_default": false, "type": "string"},
	extra,
)

test_literal_default_even_when_sensitive if {
	got := rule.deny with input as {"module_calls": [], "variables": [
		var("db_password", {"sensitive": true, "has_default": true, "default": "ChangeMe123!"}),
		var("region", {"has_default": true, "default": "eu-west-1"}),
	]}
	got == {{
		"resource": "var.db_password",
		"path": ["variables", 0, "default"],
		"message": "Variable db_password has a plaintext credential as its default",
		"secret": "ChangeMe123!",
	}}
}

test_empty_null_and_template_defaults_not_reported if {
	got := rule.deny with input as {"module_calls": [], "variables": [
		var("db_password", {"has_default": true, "default": ""}),
		var("api_token", {"has_default": true, "default": null}),
		var("auth_token", {"has_default": false}),
		var("client_secret", {"has_default": true, "default": "${CLIENT_SECRET}"}),
		var("password_length", {"type": "number", "has_default": true, "default": "24"}),
	]}
	got == set()
}
