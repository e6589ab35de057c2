package tollgate.terraform.provider_hash_mismatch_test

import rego.v1

import data.tollgate.terraform.provider_hash_mismatch as rule

random := "registry.terraform.io/hashicorp/random"

dir := ".terraform/providers/registry.terraform.io/hashicorp/random/3.6.1/linux_amd64"

doc(hashes, packages) := {"terraform": {"lock_file": {"present": true, "providers": {random: {
	"version": "3.6.1",
	"hashes": hashes,
	"verification": {"status": "computed by the scanner", "packages": packages},
}}}}}

test_mismatch if {
	got := rule.deny with input as doc(["h1:locked="], [
		{"path": dir, "platform": "linux_amd64", "status": "verified", "hashes": ["h1:locked="]},
		{"path": "mirror/x.zip", "platform": "darwin_arm64", "status": "mismatch", "hashes": ["h1:other=", "zh:0123"]},
	])
	got == {{
		"resource": random,
		"path": ["terraform", "lock_file", "providers", random, "verification", "packages", "1"],
		"message": "Provider registry.terraform.io/hashicorp/random 3.6.1 at mirror/x.zip matches none of the checksums in .terraform.lock.hcl (it hashes to h1:other=, zh:0123): it is not the package terraform init verified",
	}}
}

test_unverifiable if {
	got := rule.deny with input as doc(["zh:0123"], [{"path": dir, "platform": "linux_amd64", "status": "unverifiable", "hashes": ["h1:x="]}])
	got == {{
		"resource": random,
		"path": ["terraform", "lock_file", "providers", random, "verification", "packages", "0"],
		"message": "Provider registry.terraform.io/hashicorp/random 3.6.1 at .terraform/providers/registry.terraform.io/hashicorp/random/3.6.1/linux_amd64 cannot be verified: .terraform.lock.hcl records no h1: checksum for it, only zh: checksums of .zip archives",
	}}
}

# A provider locked without any checksum is terraform-lock-file's finding,
# not this rule's.
test_no_hashes_at_all_is_left_to_the_lock_file_rule if {
	count(rule.deny) == 0 with input as doc([], [{"path": dir, "platform": "linux_amd64", "status": "unverifiable", "hashes": ["h1:x="]}])
}

test_verified_not_installed_unreadable_pass if {
	count(rule.deny) == 0 with input as doc(["h1:locked="], [{"path": dir, "platform": "linux_amd64", "status": "verified", "hashes": ["h1:locked="]}])
	count(rule.deny) == 0 with input as doc(["h1:locked="], [])
	count(rule.deny) == 0 with input as {"terraform": {"lock_file": {"present": false, "providers": {}}}}

	# An unreadable package is a scan error (exit 2), not a finding.
	count(rule.deny) == 0 with input as doc(["h1:locked="], [{"path": dir, "platform": "linux_amd64", "status": "unreadable", "hashes": []}])
}
