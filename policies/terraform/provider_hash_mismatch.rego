# METADATA
# title: Installed Terraform providers match .terraform.lock.hcl
# description: >-
#   The checksums in .terraform.lock.hcl are what `terraform init` verified
#   the provider packages against. A package in .terraform/providers, in the
#   implied local mirror terraform.d/plugins or in a provider mirror given
#   with --provider-mirror that matches none of them is not the provider that
#   was reviewed and locked: it was replaced or edited after init (a cached
#   .terraform directory, a shared mirror), and it runs with the pipeline's
#   cloud credentials. An unpacked package is checked against the h1: hashes
#   (Terraform's dirhash), a .zip against h1: or zh: (SHA-256 of the
#   archive); an unpacked package whose provider has only zh: hashes cannot
#   be checked, and Terraform refuses it too. A provider that is not
#   installed has nothing to verify.
# custom:
#   id: terraform-provider-hash-mismatch
#   severity: high
#   theme: integrity
#   formats: [terraform]
#   resource_types: [".terraform.lock.hcl"]
#   remediation: >-
#     Delete the package (or .terraform/providers) and run `terraform init`
#     again, so Terraform downloads the provider and verifies it against the
#     lock file; find out how the package changed. If the lock file is the
#     part that is wrong, run `terraform providers lock` for every platform
#     and review the change.
package tollgate.terraform.provider_hash_mismatch

import rego.v1

deny contains f if {
	some address, p in input.terraform.lock_file.providers
	some i, pkg in object.get(p, ["verification", "packages"], [])
	pkg.status == "mismatch"
	f := {
		"resource": address,
		"path": ["terraform", "lock_file", "providers", address, "verification", "packages", sprintf("%d", [i])],
		"message": sprintf("Provider %s %s at %s matches none of the checksums in .terraform.lock.hcl (it hashes to %s): it is not the package terraform init verified", [address, p.version, pkg.path, concat(", ", pkg.hashes)]),
	}
}

deny contains f if {
	some address, p in input.terraform.lock_file.providers
	count(object.get(p, "hashes", [])) > 0
	some i, pkg in object.get(p, ["verification", "packages"], [])
	pkg.status == "unverifiable"
	f := {
		"resource": address,
		"path": ["terraform", "lock_file", "providers", address, "verification", "packages", sprintf("%d", [i])],
		"message": sprintf("Provider %s %s at %s cannot be verified: .terraform.lock.hcl records no h1: checksum for it, only zh: checksums of .zip archives", [address, p.version, pkg.path]),
	}
}
