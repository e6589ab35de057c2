package tollgate.aws.images_lambda_pinned_test

import rego.v1

import data.tollgate.aws.images_lambda_pinned as rule

# CloudFormation (and CDK)

cfn_fn(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"ResizeFn": {"Type": type, "Properties": props}}}

repo := "123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize"

test_cloudformation_lambda_latest if {
	rule.deny == {{
		"resource": "ResizeFn",
		"path": ["Resources", "ResizeFn", "Properties", "Code", "ImageUri"],
		"message": sprintf("Function image %s:latest is not pinned to a version or digest", [repo]),
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_fn("AWS::Lambda::Function", {"PackageType": "Image", "Code": {"ImageUri": sprintf("%s:latest", [repo])}})
}

test_cloudformation_serverless_untagged if {
	rule.deny == {{
		"resource": "ResizeFn",
		"path": ["Resources", "ResizeFn", "Properties", "ImageUri"],
		"message": sprintf("Function image %s is not pinned to a version or digest", [repo]),
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_fn("AWS::Serverless::Function", {"PackageType": "Image", "ImageUri": repo})
}

test_cloudformation_pinned if {
	count(rule.deny) == 0 with input as cfn_fn("AWS::Lambda::Function", {"Code": {"ImageUri": sprintf("%s@sha256:4c5f9a1b2e3d6c7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7", [repo])}})
	count(rule.deny) == 0 with input as cfn_fn("AWS::Serverless::Function", {"ImageUri": sprintf("%s:v12", [repo])})
}

test_cloudformation_zip_and_unknown if {
	count(rule.deny) == 0 with input as cfn_fn("AWS::Lambda::Function", {"Code": {"S3Bucket": "b", "S3Key": "k.zip"}})
	count(rule.deny) == 0 with input as cfn_fn("AWS::Lambda::Function", {"Code": {"ImageUri": {"__unknown__": true, "expr": "Fn::Join", "ref": "Repo"}}})
}

# Terraform

tf_fn(values) := {"address": "aws_lambda_function.fn", "mode": "managed", "type": "aws_lambda_function", "values": values}

test_terraform_latest if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [tf_fn({"package_type": "Image", "image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:latest"})]}
	got == {{
		"resource": "aws_lambda_function.fn",
		"path": ["resources", 0, "values", "image_uri"],
		"message": "Function image 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:latest is not pinned to a version or digest",
		"remediation": rule.fix.terraform,
	}}
}

test_terraform_pinned_unknown_and_zip if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_fn({"package_type": "Image", "image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:2024.06.1"}),
		tf_fn({"package_type": "Image", "image_uri": {"__unknown__": true, "expr": "\"${aws_ecr_repository.fn.repository_url}:latest\"", "ref": "aws_ecr_repository.fn"}}),
		tf_fn({"filename": "fn.zip", "image_uri": null}),
	]}
	got == set()
}
