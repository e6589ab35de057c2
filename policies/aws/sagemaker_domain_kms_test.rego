package tollgate.aws.sagemaker_domain_kms_test

import rego.v1

import data.tollgate.aws.sagemaker_domain_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::SageMaker::Domain", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_sagemaker_domain", "address": "aws_sagemaker_domain.r", "values": values}]}

test_missing_reported if {
	fs := sagemaker_domain_kms.deny with input as cfn({})
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["Resources", "R", "Properties", "KmsKeyId"]}
}

test_tf_missing_reported if {
	fs := sagemaker_domain_kms.deny with input as tf("terraform-plan", {"kms_key_id": null})
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["resources", 0, "values", "kms_key_id"]}
}

test_key_passes if {
	count(sagemaker_domain_kms.deny) == 0 with input as tf("terraform", {"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/k"})
		with data.tollgate.config.require_customer_managed_keys as true
}

test_off_without_switch if {
	count(sagemaker_domain_kms.deny) == 0 with input as cfn({})
}

