package tollgate.terraform.module_pinned_test

import rego.v1

import data.tollgate.terraform.module_pinned as rule

sha := "4e1c2b7f0a9d3e5c6b8a1f2d4c6e8a0b2d4f6a8c"

call(name, source, version) := {"address": sprintf("module.%s", [name]), "module": "", "name": name, "source": source, "version": version, "resolved": false, "values": {}}

test_registry_version_ranges if {
	got := rule.deny with input as {"module_calls": [
		call("vpc", "terraform-aws-modules/vpc/aws", "~> 5.0"),
		call("eks", "terraform-aws-modules/eks/aws", ""),
		call("rds", "terraform-aws-modules/rds/aws", ">= 6.1.0"),
		call("s3", "terraform-aws-modules/s3-bucket/aws", "4.1.2"),
		call("sg", "terraform-aws-modules/security-group/aws", "= 5.1.0"),
		call("net", "app.terraform.io/acme/network/aws", "1.2.0"),
		call("sub", "terraform-aws-modules/iam/aws//modules/iam-role", "5.39.1"),
	]}
	got == {
		{
			"resource": "module.vpc",
			"path": ["module_calls", 0, "version"],
			"message": "Module module.vpc uses registry module terraform-aws-modules/vpc/aws without an exact version",
		},
		{
			"resource": "module.eks",
			"path": ["module_calls", 1, "version"],
			"message": "Module module.eks uses registry module terraform-aws-modules/eks/aws without an exact version",
		},
		{
			"resource": "module.rds",
			"path": ["module_calls", 2, "version"],
			"message": "Module module.rds uses registry module terraform-aws-modules/rds/aws without an exact version",
		},
	}
}

test_git_refs if {
	got := rule.deny with input as {"module_calls": [
		call("tag", "git::https://github.com/acme/tf-modules.git//vpc?ref=v1.2.0", ""),
		call("branch", "github.com/acme/tf-modules//vpc", ""),
		call("ssh", "git@github.com:acme/tf-modules.git", ""),
		call("pinned", sprintf("git::https://github.com/acme/tf-modules.git//vpc?ref=%s", [sha]), ""),
		call("pinned_ssh", sprintf("git::ssh://git@gitlab.example.com/acme/m.git?depth=1&ref=%s", [sha]), ""),
		call("local", "./modules/vpc", ""),
		call("parent", "../shared/vpc", ""),
	]}
	{f.resource | some f in got} == {"module.tag", "module.branch", "module.ssh"}
	every f in got {
		f.path[2] == "source"
	}
}

test_instances_and_remote_children if {
	got := rule.deny with input as {"module_calls": [
		{"address": "module.vpc[\"a\"]", "module": "", "source": "terraform-aws-modules/vpc/aws", "version": "~> 5.0"},
		{"address": "module.vpc[\"b\"]", "module": "", "source": "terraform-aws-modules/vpc/aws", "version": "~> 5.0"},
		{"address": "module.vpc[\"a\"].module.inner", "module": "module.vpc[\"a\"]", "source": "terraform-aws-modules/x/aws", "version": ">= 1.0"},
	]}
	{[f.resource, f.path] | some f in got} == {["module.vpc", ["module_calls", 0, "version"]]}
}
