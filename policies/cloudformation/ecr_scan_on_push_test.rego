package tollgate.cloudformation.ecr_scan_on_push_test

import rego.v1

import data.tollgate.cloudformation.ecr_scan_on_push as rule

repo(props) := {"ApiRepo": {"Type": "AWS::ECR::Repository", "Properties": props}}

registry(scan_type, rules) := {"Scanning": {"Type": "AWS::ECR::RegistryScanningConfiguration", "Properties": {"ScanType": scan_type, "Rules": rules}}}

wildcard(freq, filter) := {"ScanFrequency": freq, "RepositoryFilters": [{"Filter": filter, "FilterType": "WILDCARD"}]}

test_missing if {
	rule.deny == {{
		"resource": "ApiRepo",
		"path": ["Resources", "ApiRepo", "Properties", "ImageScanningConfiguration", "ScanOnPush"],
		"message": "ECR repository does not scan images on push (ImageScanningConfiguration.ScanOnPush is not true)",
	}} with input as {"Resources": repo({"RepositoryName": "orders/api"})}
	count(rule.deny) == 1 with input as {"Resources": repo({"ImageScanningConfiguration": {"ScanOnPush": "false"}})}
}

test_scan_on_push if {
	count(rule.deny) == 0 with input as {"Resources": repo({"ImageScanningConfiguration": {"ScanOnPush": true}})}
	count(rule.deny) == 0 with input as {"Resources": repo({"ImageScanningConfiguration": {"ScanOnPush": "true"}})}
	count(rule.deny) == 0 with input as {"Resources": repo({"ImageScanningConfiguration": {"ScanOnPush": {"__unknown__": true, "expr": "Ref Scan"}}})}
}

test_enhanced_registry_scanning_covers if {
	count(rule.deny) == 0 with input as {"Resources": object.union(repo({"RepositoryName": "orders/api"}), registry("ENHANCED", [wildcard("CONTINUOUS_SCAN", "orders/*")]))}
	count(rule.deny) == 0 with input as {"Resources": object.union(repo({}), registry("ENHANCED", [wildcard("SCAN_ON_PUSH", "*")]))}
}

test_basic_registry_rule_covers if {
	count(rule.deny) == 0 with input as {"Resources": object.union(repo({"RepositoryName": "orders/api"}), registry("BASIC", [wildcard("SCAN_ON_PUSH", "orders*")]))}
}

test_enhanced_without_matching_rule if {
	# ECR ignores the repository's ScanOnPush once enhanced scanning is on.
	rule.deny == {{
		"resource": "ApiRepo",
		"path": ["Resources", "ApiRepo"],
		"message": "ECR enhanced scanning is on but no registry scanning rule matches this repository, so its images are not scanned",
	}} with input as {"Resources": object.union(
		repo({"RepositoryName": "orders/api", "ImageScanningConfiguration": {"ScanOnPush": true}}),
		registry("ENHANCED", [wildcard("CONTINUOUS_SCAN", "billing/*")]),
	)}

	# A generated repository name is only matched by a catch-all filter.
	count(rule.deny) == 1 with input as {"Resources": object.union(repo({}), registry("ENHANCED", [wildcard("CONTINUOUS_SCAN", "orders/*")]))}
}

test_basic_manual_rule_does_not_cover if {
	count(rule.deny) == 1 with input as {"Resources": object.union(repo({"RepositoryName": "orders/api"}), registry("BASIC", [wildcard("MANUAL", "*")]))}
}

test_unknown_registry_rules if {
	count(rule.deny) == 0 with input as {"Resources": object.union(repo({"RepositoryName": "orders/api"}), registry("ENHANCED", {"__unknown__": true, "expr": "Fn::If"}))}
	count(rule.deny) == 0 with input as {"Resources": object.union(repo({"RepositoryName": "orders/api"}), registry("ENHANCED", [{"ScanFrequency": "CONTINUOUS_SCAN", "RepositoryFilters": [{"Filter": {"__unknown__": true, "expr": "Ref Prefix"}, "FilterType": "WILDCARD"}]}]))}
}
