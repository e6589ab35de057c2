package tollgate.terraform.ecr_image_tag_immutable_test

import rego.v1

import data.tollgate.terraform.ecr_image_tag_immutable as rule

repo(values) := {"address": "aws_ecr_repository.app", "mode": "managed", "type": "aws_ecr_repository", "values": values}

test_default_and_mutable if {
	got := rule.deny with input as {"resources": [repo({"name": "app"}), repo({"image_tag_mutability": "MUTABLE"})]}
	count(got) == 2
	some f in got
	f == {
		"resource": "aws_ecr_repository.app",
		"path": ["resources", 0, "values", "image_tag_mutability"],
		"message": "ECR repository allows image tags to be overwritten (image_tag_mutability is not IMMUTABLE)",
	}
}

test_immutable_or_unknown if {
	got := rule.deny with input as {"resources": [
		repo({"image_tag_mutability": "IMMUTABLE"}),
		repo({"image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION"}),
		repo({"image_tag_mutability": {"__unknown__": true, "expr": "var.mutability"}}),
	]}
	got == set()
}
