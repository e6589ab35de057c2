package tollgate.terraform.lambda_code_signing_test

import rego.v1

import data.tollgate.terraform.lambda_code_signing as rule

fn(values) := {"address": "aws_lambda_function.this", "mode": "managed", "type": "aws_lambda_function", "values": values}

test_zip_without_signing if {
	got := rule.deny with input as {"resources": [fn({"function_name": "orders", "filename": "orders.zip", "runtime": "python3.12"})]}
	got == {{
		"resource": "aws_lambda_function.this",
		"path": ["resources", 0, "values", "code_signing_config_arn"],
		"message": "Lambda function does not enforce code signing (code_signing_config_arn is not set)",
	}}
}

test_plan_null_and_empty_reported if {
	got := rule.deny with input as {"resources": [fn({"code_signing_config_arn": null, "package_type": "Zip"}), fn({"code_signing_config_arn": ""})]}
	count(got) == 2
}

test_signed_image_or_unknown_not_reported if {
	got := rule.deny with input as {"resources": [
		fn({"code_signing_config_arn": {"__unknown__": true, "expr": "aws_lambda_code_signing_config.this.arn", "ref": "aws_lambda_code_signing_config.this", "attribute": "arn"}}),
		fn({"code_signing_config_arn": "arn:aws:lambda:eu-west-1:123456789012:code-signing-config:csc-0123456789abcdef0"}),
		fn({"package_type": "Image", "image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:1.0"}),
		fn({"package_type": {"__unknown__": true, "expr": "var.package_type"}}),
	]}
	got == set()
}
