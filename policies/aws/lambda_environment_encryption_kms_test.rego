package tollgate.aws.lambda_environment_encryption_kms_test

import rego.v1

import data.tollgate.aws.lambda_environment_encryption_kms as rule

# CloudFormation (and CDK)

fn(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Worker": {"Type": type, "Properties": props}}}

env := {"Environment": {"Variables": {"TABLE_NAME": "orders"}}}

cfn_key := {"__unknown__": true, "expr": "Fn::GetAtt FnKey.Arn", "ref": "FnKey", "attribute": "Arn"}

finding := {
	"resource": "Worker",
	"path": ["Resources", "Worker", "Properties", "KmsKeyArn"],
	"message": "function environment variables are encrypted with the AWS-managed key (KmsKeyArn is not set)",
	"remediation": rule.fix.cloudformation,
}

test_cloudformation_variables_without_key if {
	rule.deny == {finding} with input as fn("AWS::Lambda::Function", env)
	rule.deny == {finding} with input as fn("AWS::Serverless::Function", env)
	count(rule.deny) == 1 with input as fn("AWS::Lambda::Function", object.union(env, {"KmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:alias/aws/lambda"}))
}

test_cloudformation_customer_key if {
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", object.union(env, {"KmsKeyArn": cfn_key}))
	count(rule.deny) == 0 with input as fn("AWS::Serverless::Function", object.union(env, {"KmsKeyArn": cfn_key}))
}

test_cloudformation_no_variables if {
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", {"Runtime": "python3.12"})
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", {"Environment": {"Variables": {}}})
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", {"Environment": {"__unknown__": true, "expr": "Fn::If HasEnv"}})
}

with_globals(g) := object.union(fn("AWS::Serverless::Function", {"Runtime": "python3.12"}), {"Globals": {"Function": g}})

test_cloudformation_sam_globals if {
	rule.deny == {finding} with input as with_globals(env)
	count(rule.deny) == 0 with input as with_globals(object.union(env, {"KmsKeyArn": cfn_key}))
	count(rule.deny) == 0 with input as object.union(fn("AWS::Serverless::Function", env), {"Globals": {"Function": {"KmsKeyArn": cfn_key}}})
}

# Terraform

doc(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_lambda_function.main", "mode": "managed", "type": "aws_lambda_function", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

tf_key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_terraform_variables_without_key if {
	rule.deny == {{"resource": "aws_lambda_function.main", "path": ["resources", 0, "values", "kms_key_arn"], "message": "function environment variables are encrypted with the AWS-managed key (kms_key_arn is not set)", "remediation": rule.fix.terraform}} with input as doc({"environment": [{"variables": {"STAGE": "prod"}}]})
	count(rule.deny) == 1 with input as doc({"environment": [{"variables": {"STAGE": "prod"}}], "kms_key_arn": "arn:aws:kms:eu-west-1:111122223333:alias/aws/lambda"})
}

test_terraform_customer_key if {
	count(rule.deny) == 0 with input as doc({"environment": [{"variables": {"STAGE": "prod"}}], "kms_key_arn": tf_key})
	count(rule.deny) == 0 with input as doc({"environment": [{"variables": {"STAGE": "prod"}}], "kms_key_arn": unknown})
}

test_terraform_no_variables if {
	count(rule.deny) == 0 with input as doc({"function_name": "worker"})
	count(rule.deny) == 0 with input as doc({"environment": [{"variables": {}}]})
	count(rule.deny) == 0 with input as doc({"environment": [{"variables": unknown}]})
	count(rule.deny) == 0 with input as doc({"environment": []})
}
