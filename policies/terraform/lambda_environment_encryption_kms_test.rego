package tollgate.terraform.lambda_environment_encryption_kms_test

import rego.v1

import data.tollgate.terraform.lambda_environment_encryption_kms as rule

doc(values) := {"resources": [{"address": "aws_lambda_function.main", "mode": "managed", "type": "aws_lambda_function", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_variables_without_key if {
	rule.deny == {{"resource": "aws_lambda_function.main", "path": ["resources", 0, "values", "kms_key_arn"], "message": "function environment variables are encrypted with the AWS-managed key (kms_key_arn is not set)"}} with input as doc({"environment": [{"variables": {"STAGE": "prod"}}]})
	count(rule.deny) == 1 with input as doc({"environment": [{"variables": {"STAGE": "prod"}}], "kms_key_arn": "arn:aws:kms:eu-west-1:111122223333:alias/aws/lambda"})
}

test_customer_key if {
	count(rule.deny) == 0 with input as doc({"environment": [{"variables": {"STAGE": "prod"}}], "kms_key_arn": key})
	count(rule.deny) == 0 with input as doc({"environment": [{"variables": {"STAGE": "prod"}}], "kms_key_arn": unknown})
}

test_no_variables if {
	count(rule.deny) == 0 with input as doc({"function_name": "worker"})
	count(rule.deny) == 0 with input as doc({"environment": [{"variables": {}}]})
	count(rule.deny) == 0 with input as doc({"environment": [{"variables": unknown}]})
	count(rule.deny) == 0 with input as doc({"environment": []})
}
