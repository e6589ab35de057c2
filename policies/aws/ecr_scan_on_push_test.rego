package tollgate.aws.ecr_scan_on_push_test

import rego.v1

import data.tollgate.aws.ecr_scan_on_push as rule

# CloudFormation (and CDK)

cfn_repo(props) := {"ApiRepo": {"Type": "AWS::ECR::Repository", "Properties": props}}

cfn_registry(scan_type, rules) := {"Scanning": {"Type": "AWS::ECR::RegistryScanningConfiguration", "Properties": {"ScanType": scan_type, "Rules": rules}}}

wildcard(freq, filter) := {"ScanFrequency": freq, "RepositoryFilters": [{"Filter": filter, "FilterType": "WILDCARD"}]}

test_cloudformation_missing if {
	rule.deny == {{
		"resource": "ApiRepo",
		"path": ["Resources", "ApiRepo", "Properties", "ImageScanningConfiguration", "ScanOnPush"],
		"message": "ECR repository does not scan images on push (ImageScanningConfiguration.ScanOnPush is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as {"tollgate": {"format": "cloudformation"}, "Resources": cfn_repo({"RepositoryName": "orders/api"})}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": cfn_repo({"ImageScanningConfiguration": {"ScanOnPush": "false"}})}
}

test_cloudformation_scan_on_push if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": cfn_repo({"ImageScanningConfiguration": {"ScanOnPush": true}})}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": cfn_repo({"ImageScanningConfiguration": {"ScanOnPush": "true"}})}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": cfn_repo({"ImageScanningConfiguration": {"ScanOnPush": {"__unknown__": true, "expr": "Ref Scan"}}})}
}

test_cloudformation_enhanced_registry_scanning_covers if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": object.union(cfn_repo({"RepositoryName": "orders/api"}), cfn_registry("ENHANCED", [wildcard("CONTINUOUS_SCAN", "orders/*")]))}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": object.union(cfn_repo({}), cfn_registry("ENHANCED", [wildcard("SCAN_ON_PUSH", "*")]))}
}

test_cloudformation_basic_registry_rule_covers if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": object.union(cfn_repo({"RepositoryName": "orders/api"}), cfn_registry("BASIC", [wildcard("SCAN_ON_PUSH", "orders*")]))}
}

test_cloudformation_enhanced_without_matching_rule if {
	# ECR ignores the repository's ScanOnPush once enhanced scanning is on.
	rule.deny == {{
		"resource": "ApiRepo",
		"path": ["Resources", "ApiRepo"],
		"message": "ECR enhanced scanning is on but no registry scanning rule matches this repository, so its images are not scanned",
		"remediation": rule.fix.cloudformation,
	}} with input as {"tollgate": {"format": "cloudformation"}, "Resources": object.union(
		cfn_repo({"RepositoryName": "orders/api", "ImageScanningConfiguration": {"ScanOnPush": true}}),
		cfn_registry("ENHANCED", [wildcard("CONTINUOUS_SCAN", "billing/*")]),
	)}

	# A generated repository name is only matched by a catch-all filter.
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": object.union(cfn_repo({}), cfn_registry("ENHANCED", [wildcard("CONTINUOUS_SCAN", "orders/*")]))}
}

test_cloudformation_basic_manual_rule_does_not_cover if {
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": object.union(cfn_repo({"RepositoryName": "orders/api"}), cfn_registry("BASIC", [wildcard("MANUAL", "*")]))}
}

test_cloudformation_unknown_registry_rules if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": object.union(cfn_repo({"RepositoryName": "orders/api"}), cfn_registry("ENHANCED", {"__unknown__": true, "expr": "Fn::If"}))}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": object.union(cfn_repo({"RepositoryName": "orders/api"}), cfn_registry("ENHANCED", [{"ScanFrequency": "CONTINUOUS_SCAN", "RepositoryFilters": [{"Filter": {"__unknown__": true, "expr": "Ref Prefix"}, "FilterType": "WILDCARD"}]}]))}
}

# Terraform

tf_repo(name, values) := {"address": sprintf("aws_ecr_repository.%s", [name]), "mode": "managed", "type": "aws_ecr_repository", "values": object.union({"name": name}, values)}

tf_registry(values) := {"address": "aws_ecr_registry_scanning_configuration.this", "mode": "managed", "type": "aws_ecr_registry_scanning_configuration", "values": values}

unknown := {"__unknown__": true, "expr": "var.x"}

test_terraform_repository_without_scan if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_repo("api", {}),
		tf_repo("web", {"image_scanning_configuration": [{"scan_on_push": false}]}),
		tf_repo("ok", {"image_scanning_configuration": [{"scan_on_push": true}]}),
		tf_repo("dyn", {"image_scanning_configuration": [unknown]}),
		tf_repo("var", {"image_scanning_configuration": [{"scan_on_push": unknown}]}),
		tf_repo("plan", {"image_scanning_configuration": [{"scan_on_push": null}]}),
	]}
	{[f.resource, f.path] | some f in got} == {
		["aws_ecr_repository.api", ["resources", 0, "values", "image_scanning_configuration", 0, "scan_on_push"]],
		["aws_ecr_repository.web", ["resources", 1, "values", "image_scanning_configuration", 0, "scan_on_push"]],
		["aws_ecr_repository.plan", ["resources", 5, "values", "image_scanning_configuration", 0, "scan_on_push"]],
	}
}

test_terraform_basic_registry_rule_covers_matching_repositories if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_repo("orders-api", {}),
		tf_repo("billing", {}),
		tf_registry({"scan_type": "BASIC", "rule": [{"scan_frequency": "SCAN_ON_PUSH", "repository_filter": [{"filter": "orders-*", "filter_type": "WILDCARD"}]}]}),
	]}
	{f.resource | some f in got} == {"aws_ecr_repository.billing"}
}

test_terraform_enhanced_ignores_repository_setting if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_repo("orders-api", {"image_scanning_configuration": [{"scan_on_push": true}]}),
		tf_repo("billing", {"image_scanning_configuration": [{"scan_on_push": true}]}),
		tf_registry({"scan_type": "ENHANCED", "rule": [{"scan_frequency": "CONTINUOUS_SCAN", "repository_filter": [{"filter": "orders-*", "filter_type": "WILDCARD"}]}]}),
	]}
	got == {{
		"resource": "aws_ecr_repository.billing",
		"path": ["resources", 1],
		"message": "ECR enhanced scanning is on but no registry scanning rule matches this repository, so its images are not scanned",
		"remediation": rule.fix.terraform,
	}}
}

test_terraform_enhanced_wildcard_and_unknowns if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_repo("a", {}),
		{"address": "aws_ecr_repository.b", "mode": "managed", "type": "aws_ecr_repository", "values": {"name": unknown}},
		tf_registry({"scan_type": "ENHANCED", "rule": [{"scan_frequency": "CONTINUOUS_SCAN", "repository_filter": [{"filter": "*", "filter_type": "WILDCARD"}]}]}),
	]}
	got == set()
	got2 := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [tf_repo("a", {}), tf_registry({"scan_type": "ENHANCED", "rule": unknown})]}
	got2 == set()
}

# A scanning type that cannot be known may be basic or enhanced: neither
# finding holds (it used to stop the evaluation with an error).
test_unknown_scan_type_decides_nothing if {
	scan_type := {"__unknown__": true, "expr": "Ref ScanType", "ref": "ScanType"}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": object.union(cfn_repo({"RepositoryName": "orders/api"}), cfn_registry(scan_type, [wildcard("SCAN_ON_PUSH", "billing/*")]))}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [tf_repo("api", {}), tf_registry({"scan_type": scan_type, "rule": [{"scan_frequency": {"__unknown__": true, "expr": "var.f"}}]})]}
}
