# METADATA
# title: Provider lock file pins every provider
# description: >-
#   .terraform.lock.hcl records the exact version and the checksums of every
#   provider; committed, it makes `terraform init` install the same,
#   verified provider binaries everywhere instead of whatever newest release
#   matches the constraints. Without it, or for a provider it does not list
#   (or lists without hashes), a compromised or broken release is installed
#   silently. Only root modules that configure a backend or a provider block
#   are checked: reusable modules do not commit a lock file.
# custom:
#   id: terraform-lock-file
#   severity: medium
#   theme: integrity
#   formats: [terraform]
#   resource_types: [".terraform.lock.hcl"]
#   remediation: >-
#     Run `terraform init` (and `terraform providers lock -platform=linux_amd64
#     -platform=darwin_arm64 ...` for every platform that runs Terraform) and
#     commit .terraform.lock.hcl.
package tollgate.terraform.lock_file

import rego.v1

import data.tollgate.lib.tf_integrity

deny contains f if {
	root_module
	not input.terraform.lock_file.present
	f := {
		"resource": "terraform",
		"path": anchor,
		"message": "The root module has no .terraform.lock.hcl, so provider versions and checksums are not pinned",
	}
}

deny contains f if {
	root_module
	input.terraform.lock_file.present
	some name, req in object.get(input.terraform, "required_providers", {})
	address := tf_integrity.provider_address(object.get(req, "source", ""), name)
	not builtin(address)
	problem := lock_problem(address)
	f := {
		"resource": "terraform",
		"path": ["terraform", "required_providers", name],
		"message": sprintf("Provider %s %s", [address, problem]),
	}
}

# anchor is where a missing lock file is reported: the first required
# provider (what the lock file would pin), else the backend or cloud block,
# else the first provider block. A directory has no line to point at.
anchor := ["terraform", "required_providers", min(object.keys(input.terraform.required_providers))] if {
	count(object.get(input.terraform, "required_providers", {})) > 0
} else := ["terraform", "backend"] if {
	input.terraform.backend
} else := ["terraform", "cloud"] if {
	input.terraform.cloud
} else := ["providers", min({i | some i, p in input.providers; p.module == ""})]

root_module if {
	input.terraform.backend
}

root_module if {
	input.terraform.cloud
}

root_module if {
	some p in input.providers
	p.module == ""
}

builtin("terraform.io/builtin/terraform")

lock_problem(address) := "is not in .terraform.lock.hcl" if {
	count(locked_entries(address)) == 0
} else := "has no checksums in .terraform.lock.hcl" if {
	every entry in locked_entries(address) {
		count(object.get(entry, "hashes", [])) == 0
	}
}

locked_entries(address) := [entry |
	some locked, entry in input.terraform.lock_file.providers
	tf_integrity.lock_key(lower(locked)) == tf_integrity.lock_key(address)
]
