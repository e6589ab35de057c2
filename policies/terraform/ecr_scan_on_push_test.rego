package tollgate.terraform.ecr_scan_on_push_test

import rego.v1

import data.tollgate.terraform.ecr_scan_on_push as rule

repo(name, values) := {"address": sprintf("aws_ecr_repository.%s", [name]), "mode": "managed", "type": "aws_ecr_repository", "values": object.union({"name": name}, values)}

registry(values) := {"address": "aws_ecr_registry_scanning_configuration.this", "mode": "managed", "type": "aws_ecr_registry_scanning_configuration", "values": values}

unknown := {"__unknown__": true, "expr": "var.x"}

test_repository_without_scan if {
	got := rule.deny with input as {"resources": [
		repo("api", {}),
		repo("web", {"image_scanning_configuration": [{"scan_on_push": false}]}),
		repo("ok", {"image_scanning_configuration": [{"scan_on_push": true}]}),
		repo("dyn", {"image_scanning_configuration": [unknown]}),
		repo("var", {"image_scanning_configuration": [{"scan_on_push": unknown}]}),
		repo("plan", {"image_scanning_configuration": [{"scan_on_push": null}]}),
	]}
	{[f.resource, f.path] | some f in got} == {
		["aws_ecr_repository.api", ["resources", 0, "values", "image_scanning_configuration", 0, "scan_on_push"]],
		["aws_ecr_repository.web", ["resources", 1, "values", "image_scanning_configuration", 0, "scan_on_push"]],
		["aws_ecr_repository.plan", ["resources", 5, "values", "image_scanning_configuration", 0, "scan_on_push"]],
	}
}

test_basic_registry_rule_covers_matching_repositories if {
	got := rule.deny with input as {"resources": [
		repo("orders-api", {}),
		repo("billing", {}),
		registry({"scan_type": "BASIC", "rule": [{"scan_frequency": "SCAN_ON_PUSH", "repository_filter": [{"filter": "orders-*", "filter_type": "WILDCARD"}]}]}),
	]}
	{f.resource | some f in got} == {"aws_ecr_repository.billing"}
}

test_enhanced_ignores_repository_setting if {
	got := rule.deny with input as {"resources": [
		repo("orders-api", {"image_scanning_configuration": [{"scan_on_push": true}]}),
		repo("billing", {"image_scanning_configuration": [{"scan_on_push": true}]}),
		registry({"scan_type": "ENHANCED", "rule": [{"scan_frequency": "CONTINUOUS_SCAN", "repository_filter": [{"filter": "orders-*", "filter_type": "WILDCARD"}]}]}),
	]}
	got == {{
		"resource": "aws_ecr_repository.billing",
		"path": ["resources", 1],
		"message": "ECR enhanced scanning is on but no registry scanning rule matches this repository, so its images are not scanned",
	}}
}

test_enhanced_wildcard_and_unknowns if {
	got := rule.deny with input as {"resources": [
		repo("a", {}),
		{"address": "aws_ecr_repository.b", "mode": "managed", "type": "aws_ecr_repository", "values": {"name": unknown}},
		registry({"scan_type": "ENHANCED", "rule": [{"scan_frequency": "CONTINUOUS_SCAN", "repository_filter": [{"filter": "*", "filter_type": "WILDCARD"}]}]}),
	]}
	got == set()
	got2 := rule.deny with input as {"resources": [repo("a", {}), registry({"scan_type": "ENHANCED", "rule": unknown})]}
	got2 == set()
}
