package tollgate.aws.lambda_code_signing_test

import rego.v1

import data.tollgate.aws.lambda_code_signing as rule

# CloudFormation (and CDK)

cfn_fn(name, type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {name: {"Type": type, "Properties": props}}}

zip := {"Runtime": "python3.12", "Handler": "app.handler", "Code": {"S3Bucket": "artifacts", "S3Key": "orders.zip"}}

test_cloudformation_zip_without_signing if {
	rule.deny == {{
		"resource": "OrdersFn",
		"path": ["Resources", "OrdersFn", "Properties", "CodeSigningConfigArn"],
		"message": "Lambda function does not enforce code signing (CodeSigningConfigArn is not set)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_fn("OrdersFn", "AWS::Lambda::Function", zip)
	count(rule.deny) == 1 with input as cfn_fn("OrdersFn", "AWS::Serverless::Function", {"CodeUri": "src/", "Runtime": "nodejs20.x"})
	count(rule.deny) == 1 with input as cfn_fn("OrdersFn", "AWS::Lambda::Function", object.union(zip, {"CodeSigningConfigArn": ""}))
}

test_cloudformation_signed if {
	count(rule.deny) == 0 with input as cfn_fn("OrdersFn", "AWS::Lambda::Function", object.union(zip, {"CodeSigningConfigArn": {"__unknown__": true, "expr": "Ref Signing", "ref": "Signing"}}))
	count(rule.deny) == 0 with input as cfn_fn("OrdersFn", "AWS::Serverless::Function", {"CodeUri": "src/", "CodeSigningConfigArn": "arn:aws:lambda:eu-west-1:123456789012:code-signing-config:csc-0a1b2c3d4e5f6a7b8"})
}

test_cloudformation_image_functions_skipped if {
	count(rule.deny) == 0 with input as cfn_fn("ImgFn", "AWS::Lambda::Function", {"PackageType": "Image", "Code": {"ImageUri": "repo:1"}})
	count(rule.deny) == 0 with input as cfn_fn("ImgFn", "AWS::Serverless::Function", {"PackageType": "Image"})
	count(rule.deny) == 0 with input as cfn_fn("ImgFn", "AWS::Serverless::Function", {"ImageUri": "repo:1"})
	count(rule.deny) == 0 with input as cfn_fn("ImgFn", "AWS::Lambda::Function", {"PackageType": {"__unknown__": true, "expr": "Ref PackageType"}})
}

test_cloudformation_cdk_framework_functions_skipped if {
	count(rule.deny) == 0 with input as cfn_fn("CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F", "AWS::Lambda::Function", zip)
	count(rule.deny) == 0 with input as cfn_fn("LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A", "AWS::Lambda::Function", zip)
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Handler886CB40B": {
		"Type": "AWS::Lambda::Function", "Properties": zip,
		"Metadata": {"aws:cdk:path": "Stack/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C/Resource"},
	}}}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"OrdersFnA1B2C3D4": {
		"Type": "AWS::Lambda::Function", "Properties": zip,
		"Metadata": {"aws:cdk:path": "OrdersStack/OrdersFn/Resource"},
	}}}
}

test_cloudformation_sam_globals_signing_config_inherited if {
	sam := {
		"tollgate": {"format": "cloudformation"},
		"Globals": {"Function": {"CodeSigningConfigArn": {"__unknown__": true, "expr": "Ref Signing", "ref": "Signing"}}},
		"Resources": {"OrdersFn": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/", "Runtime": "python3.12"}}},
	}
	count(rule.deny) == 0 with input as sam

	# Globals apply to SAM functions only, and a function's own empty value overrides them.
	count(rule.deny) == 1 with input as object.union(sam, {"tollgate": {"format": "cloudformation"}, "Resources": {"RawFn": {"Type": "AWS::Lambda::Function", "Properties": zip}}})
	count(rule.deny) == 1 with input as object.union(sam, {"tollgate": {"format": "cloudformation"}, "Resources": {"OrdersFn": {"Type": "AWS::Serverless::Function", "Properties": {"CodeUri": "src/", "CodeSigningConfigArn": ""}}}})
}

# Terraform

tf_fn(values) := {"address": "aws_lambda_function.this", "mode": "managed", "type": "aws_lambda_function", "values": values}

test_terraform_zip_without_signing if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [tf_fn({"function_name": "orders", "filename": "orders.zip", "runtime": "python3.12"})]}
	got == {{
		"resource": "aws_lambda_function.this",
		"path": ["resources", 0, "values", "code_signing_config_arn"],
		"message": "Lambda function does not enforce code signing (code_signing_config_arn is not set)",
		"remediation": rule.fix.terraform,
	}}
}

test_terraform_plan_null_and_empty_reported if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [tf_fn({"code_signing_config_arn": null, "package_type": "Zip"}), tf_fn({"code_signing_config_arn": ""})]}
	count(got) == 2
}

test_terraform_signed_image_or_unknown_not_reported if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_fn({"code_signing_config_arn": {"__unknown__": true, "expr": "aws_lambda_code_signing_config.this.arn", "ref": "aws_lambda_code_signing_config.this", "attribute": "arn"}}),
		tf_fn({"code_signing_config_arn": "arn:aws:lambda:eu-west-1:123456789012:code-signing-config:csc-0123456789abcdef0"}),
		tf_fn({"package_type": "Image", "image_uri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn:1.0"}),
		tf_fn({"package_type": {"__unknown__": true, "expr": "var.package_type"}}),
	]}
	got == set()
}
