package tollgate.cloudformation.lambda_code_signing_test

import rego.v1

import data.tollgate.cloudformation.lambda_code_signing as rule

fn(name, type, props) := {"Resources": {name: {"Type": type, "Properties": props}}}

zip := {"Runtime": "python3.12", "Handler": "app.handler", "Code": {"S3Bucket": "artifacts", "S3Key": "orders.zip"}}

test_zip_without_signing if {
	rule.deny == {{
		"resource": "OrdersFn",
		"path": ["Resources", "OrdersFn", "Properties", "CodeSigningConfigArn"],
		"message": "Lambda function does not enforce code signing (CodeSigningConfigArn is not set)",
	}} with input as fn("OrdersFn", "AWS::Lambda::Function", zip)
	count(rule.deny) == 1 with input as fn("OrdersFn", "AWS::Serverless::Function", {"CodeUri": "src/", "Runtime": "nodejs20.x"})
	count(rule.deny) == 1 with input as fn("OrdersFn", "AWS::Lambda::Function", object.union(zip, {"CodeSigningConfigArn": ""}))
}

test_signed if {
	count(rule.deny) == 0 with input as fn("OrdersFn", "AWS::Lambda::Function", object.union(zip, {"CodeSigningConfigArn": {"__unknown__": true, "expr": "Ref Signing", "ref": "Signing"}}))
	count(rule.deny) == 0 with input as fn("OrdersFn", "AWS::Serverless::Function", {"CodeUri": "src/", "CodeSigningConfigArn": "arn:aws:lambda:eu-west-1:123456789012:code-signing-config:csc-0a1b2c3d4e5f6a7b8"})
}

test_image_functions_skipped if {
	count(rule.deny) == 0 with input as fn("ImgFn", "AWS::Lambda::Function", {"PackageType": "Image", "Code": {"ImageUri": "repo:1"}})
	count(rule.deny) == 0 with input as fn("ImgFn", "AWS::Serverless::Function", {"PackageType": "Image"})
	count(rule.deny) == 0 with input as fn("ImgFn", "AWS::Serverless::Function", {"ImageUri": "repo:1"})
	count(rule.deny) == 0 with input as fn("ImgFn", "AWS::Lambda::Function", {"PackageType": {"__unknown__": true, "expr": "Ref PackageType"}})
}

test_cdk_framework_functions_skipped if {
	count(rule.deny) == 0 with input as fn("CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F", "AWS::Lambda::Function", zip)
	count(rule.deny) == 0 with input as fn("LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A", "AWS::Lambda::Function", zip)
	count(rule.deny) == 0 with input as {"Resources": {"Handler886CB40B": {
		"Type": "AWS::Lambda::Function", "Properties": zip,
		"Metadata": {"aws:cdk:path": "Stack/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource"},
	}}}
	count(rule.deny) == 1 with input as {"Resources": {"OrdersFnA1B2C3D4": {
		"Type": "AWS::Lambda::Function", "Properties": zip,
		"Metadata": {"aws:cdk:path": "OrdersStack/OrdersFn/Resource"},
	}}}
}

test_sam_globals_signing_config_inherited if {
	sam := {
		"Globals": {"Function": {"CodeSigningConfigArn": {"__unknown__": true, "expr": "Ref Signing", "ref": "Signing"}}},
		"Resources": {"OrdersFn": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/", "Runtime": "python3.12"}}},
	}
	count(rule.deny) == 0 with input as sam

	# Globals apply to SAM functions only, and a function's own empty value overrides them.
	count(rule.deny) == 1 with input as object.union(sam, {"Resources": {"RawFn": {"Type": "AWS::Lambda::Function", "Properties": zip}}})
	count(rule.deny) == 1 with input as object.union(sam, {"Resources": {"OrdersFn": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/", "CodeSigningConfigArn": ""}}}})
}
