package tollgate.aws.ecr_image_tag_immutable_test

import rego.v1

import data.tollgate.aws.ecr_image_tag_immutable as rule

# CloudFormation (and CDK)

cfn_repo(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"ApiRepo": {"Type": "AWS::ECR::Repository", "Properties": props}}}

test_cloudformation_default_is_mutable if {
	rule.deny == {{
		"resource": "ApiRepo",
		"path": ["Resources", "ApiRepo", "Properties", "ImageTagMutability"],
		"message": "ECR repository allows image tags to be overwritten (ImageTagMutability is not IMMUTABLE)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_repo({"RepositoryName": "orders/api"})
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"ApiRepo": {"Type": "AWS::ECR::Repository"}}}
}

test_cloudformation_mutable_values if {
	count(rule.deny) == 1 with input as cfn_repo({"ImageTagMutability": "MUTABLE"})
	count(rule.deny) == 1 with input as cfn_repo({"ImageTagMutability": "MUTABLE_WITH_EXCLUSION"})
}

test_cloudformation_immutable if {
	count(rule.deny) == 0 with input as cfn_repo({"ImageTagMutability": "IMMUTABLE"})
	count(rule.deny) == 0 with input as cfn_repo({
		"ImageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
		"ImageTagMutabilityExclusionFilters": [{"ImageTagMutabilityExclusionFilterType": "WILDCARD", "ImageTagMutabilityExclusionFilterValue": "latest"}],
	})
}

test_cloudformation_unknown if {
	count(rule.deny) == 0 with input as cfn_repo({"ImageTagMutability": {"__unknown__": true, "expr": "Ref Mutability"}})
}

# Terraform

tf_repo(values) := {"address": "aws_ecr_repository.app", "mode": "managed", "type": "aws_ecr_repository", "values": values}

test_terraform_default_and_mutable if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [tf_repo({"name": "app"}), tf_repo({"image_tag_mutability": "MUTABLE"})]}
	count(got) == 2
	some f in got
	f == {
		"resource": "aws_ecr_repository.app",
		"path": ["resources", 0, "values", "image_tag_mutability"],
		"message": "ECR repository allows image tags to be overwritten (image_tag_mutability is not IMMUTABLE)",
		"remediation": rule.fix.terraform,
	}
}

test_terraform_immutable_or_unknown if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_repo({"image_tag_mutability": "IMMUTABLE"}),
		tf_repo({"image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION"}),
		tf_repo({"image_tag_mutability": {"__unknown__": true, "expr": "var.mutability"}}),
	]}
	got == set()
}
