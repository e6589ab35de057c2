package tollgate.cloudformation.images_lambda_pinned_test

import rego.v1

import data.tollgate.cloudformation.images_lambda_pinned as rule

fn(type, props) := {"Resources": {"ResizeFn": {"Type": type, "Properties": props}}}

repo := "123456789012.dkr.ecr.eu-west-1.amazonaws.com/resize"

test_lambda_latest if {
	rule.deny == {{
		"resource": "ResizeFn",
		"path": ["Resources", "ResizeFn", "Properties", "Code", "ImageUri"],
		"message": sprintf("Function image %s:latest is not pinned to a version or digest", [repo]),
	}} with input as fn("AWS::Lambda::Function", {"PackageType": "Image", "Code": {"ImageUri": sprintf("%s:latest", [repo])}})
}

test_serverless_untagged if {
	rule.deny == {{
		"resource": "ResizeFn",
		"path": ["Resources", "ResizeFn", "Properties", "ImageUri"],
		"message": sprintf("Function image %s is not pinned to a version or digest", [repo]),
	}} with input as fn("AWS::Serverless::Function", {"PackageType": "Image", "ImageUri": repo})
}

test_pinned if {
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", {"Code": {"ImageUri": sprintf("%s@sha256:4c5f9a1b2e3d6c7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7", [repo])}})
	count(rule.deny) == 0 with input as fn("AWS::Serverless::Function", {"ImageUri": sprintf("%s:v12", [repo])})
}

test_zip_and_unknown if {
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", {"Code": {"S3Bucket": "b", "S3Key": "k.zip"}})
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", {"Code": {"ImageUri": {"__unknown__": true, "expr": "Fn::Join", "ref": "Repo"}}})
}
