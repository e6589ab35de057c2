package tollgate.lib.aws.ecr_test

import rego.v1

import data.tollgate.lib.aws.ecr
import data.tollgate.lib.view

test_cloudformation if {
	r := ecr.repositories.R with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::ECR::Repository", "Properties": {"ImageTagMutability": "IMMUTABLE"}}}}
	view.value(r, "tag_mutability") == "IMMUTABLE"
}

test_terraform if {
	r := ecr.repositories[0] with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_ecr_repository.r", "mode": "managed", "type": "aws_ecr_repository", "values": {"image_tag_mutability": "MUTABLE"}}]}
	view.value(r, "tag_mutability") == "MUTABLE"
	_tag_mutability := view.field_of(r, "tag_mutability")
	_tag_mutability.path == ["resources", 0, "values", "image_tag_mutability"]
}

registry(scan_type, rules) := {"Scanning": {"Type": "AWS::ECR::RegistryScanningConfiguration", "Properties": {"ScanType": scan_type, "Rules": rules}}}

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

unknown := {"__unknown__": true, "expr": "Ref P"}

test_registry_rules_match_by_filter if {
	ecr.registry_scans("orders/api") with input as cfn(registry("BASIC", [{"ScanFrequency": "SCAN_ON_PUSH", "RepositoryFilters": [{"Filter": "orders/*"}]}]))
	not ecr.registry_scans("billing") with input as cfn(registry("BASIC", [{"ScanFrequency": "SCAN_ON_PUSH", "RepositoryFilters": [{"Filter": "orders/*"}]}]))
	not ecr.registry_scans("orders/api") with input as cfn(registry("BASIC", [{"ScanFrequency": "MANUAL", "RepositoryFilters": [{"Filter": "*"}]}]))
	ecr.registry_scans("") with input as cfn(registry("BASIC", [{"ScanFrequency": "CONTINUOUS_SCAN", "RepositoryFilters": [{"Filter": "*"}]}]))
}

# An unknown filter list may hold any filter in Terraform; CloudFormation
# reads none from it.
test_unknown_filter_lists if {
	not ecr.registry_scans("x") with input as cfn(registry("BASIC", [{"ScanFrequency": "SCAN_ON_PUSH", "RepositoryFilters": unknown}]))
	ecr.registry_scans("x") with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_ecr_registry_scanning_configuration.c", "mode": "managed", "type": "aws_ecr_registry_scanning_configuration", "values": {
		"scan_type": "BASIC", "rule": [{"scan_frequency": "SCAN_ON_PUSH", "repository_filter": unknown}],
	}}]}
}

test_enhanced_and_unknown_scan_type if {
	ecr.enhanced with input as cfn(registry("enhanced", []))
	not ecr.enhanced with input as cfn(registry(unknown, []))
	ecr.scan_type_unknown with input as cfn(registry(unknown, []))
}
