package tollgate.terraform.lock_file_test

import rego.v1

import data.tollgate.terraform.lock_file as rule

aws_provider := {"name": "aws", "alias": "", "address": "provider.aws", "module": "", "values": {"region": "eu-west-1"}}

locked := {"version": "5.31.0", "constraints": "~> 5.0", "hashes": ["h1:abc=", "zh:0123"]}

doc(terraform) := {"providers": [aws_provider], "terraform": terraform}

test_missing_lock_file if {
	got := rule.deny with input as doc({"required_providers": {"aws": {"source": "hashicorp/aws"}}, "lock_file": {"present": false, "providers": {}}})
	got == {{
		"resource": "terraform",
		"path": ["terraform", "required_providers", "aws"],
		"message": "The root module has no .terraform.lock.hcl, so provider versions and checksums are not pinned",
	}}
}

test_provider_missing_or_without_hashes if {
	got := rule.deny with input as doc({
		"required_providers": {
			"aws": {"source": "hashicorp/aws", "version": "~> 5.0"},
			"random": {"source": "hashicorp/random"},
			"tls": {"version": ">= 4.0"},
			"datadog": {"source": "DataDog/datadog"},
		},
		"lock_file": {"present": true, "providers": {
			"registry.terraform.io/hashicorp/aws": locked,
			"registry.terraform.io/hashicorp/random": {"version": "3.6.0", "hashes": []},
			"registry.terraform.io/datadog/datadog": locked,
		}},
	})
	got == {
		{
			"resource": "terraform",
			"path": ["terraform", "required_providers", "random"],
			"message": "Provider registry.terraform.io/hashicorp/random has no checksums in .terraform.lock.hcl",
		},
		{
			"resource": "terraform",
			"path": ["terraform", "required_providers", "tls"],
			"message": "Provider registry.terraform.io/hashicorp/tls is not in .terraform.lock.hcl",
		},
	}
}

test_complete_lock_file if {
	got := rule.deny with input as doc({
		"required_providers": {
			"aws": {"source": "registry.terraform.io/hashicorp/aws"},
			"tfe": {"source": "app.terraform.io/acme/tfe"},
			"terraform": {"source": "terraform.io/builtin/terraform"},
		},
		"lock_file": {"present": true, "providers": {
			"registry.opentofu.org/hashicorp/aws": locked,
			"app.terraform.io/acme/tfe": locked,
		}},
	})
	got == set()
}

test_reusable_module_not_checked if {
	got := rule.deny with input as {
		"providers": [],
		"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": ">= 5.0"}}, "lock_file": {"present": false, "providers": {}}},
	}
	got == set()
}

test_backend_makes_a_root_module if {
	got := rule.deny with input as {
		"providers": [],
		"terraform": {"backend": {"type": "s3", "values": {}}, "lock_file": {"present": false, "providers": {}}},
	}
	{f.path | some f in got} == {["terraform", "backend"]}
}

test_provider_block_anchor if {
	got := rule.deny with input as {
		"providers": [{"name": "aws", "address": "provider.aws.x", "module": "module.x", "values": {}}, aws_provider],
		"terraform": {"required_providers": {}, "lock_file": {"present": false, "providers": {}}},
	}
	{f.path | some f in got} == {["providers", 1]}
}
