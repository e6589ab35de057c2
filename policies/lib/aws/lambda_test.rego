package tollgate.lib.aws.lambda_test

import rego.v1

import data.tollgate.lib.aws.lambda
import data.tollgate.lib.view

sam(globals, props) := {"tollgate": {"format": "cloudformation"}, "Globals": {"Function": globals}, "Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": props}}}

test_sam_functions_take_globals if {
	fn := lambda.functions.Fn with input as sam({"KmsKeyArn": "k", "CodeSigningConfigArn": "c", "Environment": {"Variables": {"A": "1"}}}, {})
	[view.value(fn, "kms_key"), view.value(fn, "code_signing")] == ["k", "c"]
	lambda.has_variables(fn)
	_kms_key := view.field_of(fn, "kms_key")
	_kms_key.path == ["Resources", "Fn", "Properties", "KmsKeyArn"]
}

test_sam_functions_keep_their_own_settings if {
	fn := lambda.functions.Fn with input as sam({"KmsKeyArn": "k"}, {"KmsKeyArn": "own", "Environment": {"Variables": {}}})
	view.value(fn, "kms_key") == "own"
	not lambda.has_variables(fn)
}

test_image_package if {
	lambda.image_package(lambda.functions.Fn) with input as sam({}, {"ImageUri": "repo:1"})
	lambda.image_package(lambda.functions.Fn) with input as sam({}, {"PackageType": "Image"})
	lambda.image_package(lambda.functions.Fn) with input as sam({}, {"PackageType": {"__unknown__": true, "expr": "Ref T"}})
	not lambda.image_package(lambda.functions.Fn) with input as sam({}, {"CodeUri": "src/"})
	lambda.image_package(lambda.functions[0]) with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function", "values": {"image_uri": "repo:1"}}]}
}

test_plain_function_image_uri_is_under_code if {
	fn := lambda.functions.F with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"Code": {"ImageUri": "repo:1"}}}}}
	view.field_of(fn, "image_uri") == {"value": "repo:1", "path": ["Resources", "F", "Properties", "Code", "ImageUri"], "name": "Code.ImageUri"}
}

test_cdk_framework_functions if {
	lambda.cdk_framework(lambda.functions.CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90184F": {"Type": "AWS::Lambda::Function", "Properties": {}}}}
	lambda.cdk_framework(lambda.functions.H) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"H": {"Type": "AWS::Lambda::Function", "Metadata": {"aws:cdk:path": "Stack/Custom::Thing/Handler"}, "Properties": {}}}}
	not lambda.cdk_framework(lambda.functions.H) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"H": {"Type": "AWS::Lambda::Function", "Metadata": {"aws:cdk:path": "Stack/Api/Handler"}, "Properties": {}}}}
}
