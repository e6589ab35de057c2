package tollgate.terraform.secrets_known_pattern_test

import rego.v1

import data.tollgate.terraform.secrets_known_pattern as rule

key_id := "AKIA2E3ABCDEFGHJ2345"

gh := "ghp_0123456789abcdefghijABCDEFGHIJ012345"

test_everywhere if {
	got := rule.deny with input as {
		"tollgate": {"api": 1, "format": "terraform", "file": key_id},
		"resources": [{"address": "aws_lambda_function.f", "mode": "managed", "module": "", "type": "aws_lambda_function", "values": {
			"environment": [{"variables": {"CONFIG": sprintf("token=%s", [gh])}}],
		}}],
		"providers": [{"name": "aws", "address": "provider.aws", "module": "", "values": {"access_key": key_id}}],
		"variables": [
			{"address": "var.deploy_key", "module": "", "name": "deploy_key", "has_default": true, "default": key_id},
			{"address": "var.other", "module": "", "name": "other", "has_default": false},
		],
		"module_calls": [{"address": "module.app", "module": "", "source": "./app", "values": {"hook": "https://hooks.slack.com/services/T0000AAAA/B0000BBBB/abcdefghijklmnopqrstuvwx"}}],
		"terraform": {"backend": {"type": "s3", "values": {"access_key": key_id}}},
	}
	{[f.resource, f.path, f.message] | some f in got} == {
		["aws_lambda_function.f", ["resources", 0, "values", "environment", 0, "variables", "CONFIG"], "credential (github-pat) found in the configuration"],
		["provider.aws", ["providers", 0, "values", "access_key"], "credential (aws-access-token) found in the configuration"],
		["var.deploy_key", ["variables", 0, "default"], "credential (aws-access-token) found in the configuration"],
		["module.app", ["module_calls", 0, "values", "hook"], "credential (slack-webhook-url) found in the configuration"],
		["terraform", ["terraform", "backend", "values", "access_key"], "credential (aws-access-token) found in the configuration"],
	}
	some f in got
	f.resource == "aws_lambda_function.f"
	f.secret == gh
}

test_examples_and_unknowns_not_reported if {
	got := rule.deny with input as {
		"resources": [{"address": "aws_iam_access_key.k", "mode": "managed", "module": "", "type": "aws_iam_access_key", "values": {
			"user": "AKIAIOSFODNN7EXAMPLE",
			"secret": {"__unknown__": true, "expr": "var.k", "sensitive": true},
		}}],
		"providers": [],
		"variables": [],
		"module_calls": [],
		"terraform": {},
	}
	got == set()
}

test_plan_document_without_modules if {
	got := rule.deny with input as {
		"resources": [{"address": "aws_ssm_parameter.p", "mode": "managed", "type": "aws_ssm_parameter", "values": {"value": key_id}}],
		"providers": [], "variables": [], "module_calls": [],
		"terraform": {"format_version": "1.2"},
	}
	count(got) == 1
}

test_private_key_and_database_url if {
	pem := concat("\n", [
		"-----BEGIN RSA PRIVATE KEY-----",
		"MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB",
		"aFDrBz9vFqU4yXMTc5m2dw2B6x0VQz2p8TgFyK4u1HvI5o2GDHnlGVRUlK9z3Lxn",
		"-----END RSA PRIVATE KEY-----",
	])
	got := rule.deny with input as {
		"resources": [{"address": "tls_locally_signed_cert.c", "mode": "managed", "module": "", "type": "tls_locally_signed_cert", "values": {
			"ca_private_key_pem": pem,
			"connection": "mysql://admin:Zq8-Wm2Xv4Tn@db:3306/app",
			"placeholder": "mysql://admin:${var.db_password}@db:3306/app",
		}}],
		"providers": [], "variables": [], "module_calls": [],
	}
	{[f.path[3], f.message] | some f in got} == {
		["ca_private_key_pem", "credential (private-key) found in the configuration"],
		["connection", "credential (database-url-password) found in the configuration"],
	}
}
