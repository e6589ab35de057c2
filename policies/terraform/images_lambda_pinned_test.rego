package tollgate.terraform.images_lambda_pinned_test

import rego.v1

import data.tollgate.terraform.images_lambda_pinned as rule

fn(values) := {"address": "aws_lambda_function.fn", "mode": "managed", "type": "aws_lambda_function", "values": values}

test_latest if {
	got := rule.deny with input as {"resources": [fn({"package_type": "Image", "image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:latest"})]}
	got == {{
		"resource": "aws_lambda_function.fn",
		"path": ["resources", 0, "values", "image_uri"],
		"message": "Function image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:latest is not pinned to a version or digest",
	}}
}

test_pinned_unknown_and_zip if {
	got := rule.deny with input as {"resources": [
		fn({"package_type": "Image", "image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:2024.06.1"}),
		fn({"package_type": "Image", "image_uri": {"__unknown__": true, "expr": "\"${aws_ecr_repository.fn.repository_url}:latest\"", "ref": "aws_ecr_repository.fn"}}),
		fn({"filename": "fn.zip", "image_uri": null}),
	]}
	got == set()
}
