package tollgate.cloudformation.lambda_environment_encryption_kms_test

import rego.v1

import data.tollgate.cloudformation.lambda_environment_encryption_kms as rule

fn(type, props) := {"Resources": {"Worker": {"Type": type, "Properties": props}}}

env := {"Environment": {"Variables": {"TABLE_NAME": "orders"}}}

key := {"__unknown__": true, "expr": "Fn::GetAtt FnKey.Arn", "ref": "FnKey", "attribute": "Arn"}

finding := {
	"resource": "Worker",
	"path": ["Resources", "Worker", "Properties", "KmsKeyArn"],
	"message": "function environment variables are encrypted with the AWS-managed key (KmsKeyArn is not set)",
}

test_variables_without_key if {
	rule.deny == {finding} with input as fn("AWS::Lambda::Function", env)
	rule.deny == {finding} with input as fn("AWS::Serverless::Function", env)
	count(rule.deny) == 1 with input as fn("AWS::Lambda::Function", object.union(env, {"KmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:alias/aws/lambda"}))
}

test_customer_key if {
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", object.union(env, {"KmsKeyArn": key}))
	count(rule.deny) == 0 with input as fn("AWS::Serverless::Function", object.union(env, {"KmsKeyArn": key}))
}

test_no_variables if {
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", {"Runtime": "python3.12"})
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", {"Environment": {"Variables": {}}})
	count(rule.deny) == 0 with input as fn("AWS::Lambda::Function", {"Environment": {"__unknown__": true, "expr": "Fn::If HasEnv"}})
}

with_globals(g) := object.union(fn("AWS::Serverless::Function", {"Runtime": "python3.12"}), {"Globals": {"Function": g}})

test_sam_globals if {
	rule.deny == {finding} with input as with_globals(env)
	count(rule.deny) == 0 with input as with_globals(object.union(env, {"KmsKeyArn": key}))
	count(rule.deny) == 0 with input as object.union(fn("AWS::Serverless::Function", env), {"Globals": {"Function": {"KmsKeyArn": key}}})
}
