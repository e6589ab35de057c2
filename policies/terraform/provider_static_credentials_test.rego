package tollgate.terraform.provider_static_credentials_test

import rego.v1

import data.tollgate.terraform.provider_static_credentials as rule

provider(values) := {"name": "aws", "alias": "", "address": "provider.aws", "module": "", "values": values}

test_static_keys if {
	got := rule.deny with input as {"module_calls": [], "providers": [provider({
		"region": "eu-west-1",
		"access_key": "AKIA2E0A8F3B244C9986",
		"secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY1",
	})]}
	got == {
		{
			"resource": "provider.aws",
			"path": ["providers", 0, "values", "access_key"],
			"message": "AWS provider provider.aws sets access_key to a static credential",
			"secret": "AKIA2E0A8F3B244C9986",
		},
		{
			"resource": "provider.aws",
			"path": ["providers", 0, "values", "secret_key"],
			"message": "AWS provider provider.aws sets secret_key to a static credential",
			"secret": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY1",
		},
	}
}

test_credential_chain_and_sensitive_not_reported if {
	got := rule.deny with input as {"module_calls": [], "providers": [
		provider({"region": "eu-west-1", "profile": "prod"}),
		provider({
			"access_key": {"__unknown__": true, "expr": "var.access_key", "sensitive": true},
			"secret_key": {"__unknown__": true, "expr": "var.secret_key", "sensitive": true},
			"token": {"__unknown__": true, "expr": "var.session_token"},
		}),
		provider({"assume_role": [{"role_arn": "arn:aws:iam::123456789012:role/deploy"}]}),
	]}
	got == set()
}

test_other_providers_ignored if {
	got := rule.deny with input as {"module_calls": [], "providers": [{"name": "github", "address": "provider.github", "module": "", "values": {"token": "ghp-literal"}}]}
	got == set()
}
