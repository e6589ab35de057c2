package tollgate.aws.athena_workgroup_kms_test

import rego.v1

import data.tollgate.aws.athena_workgroup_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::Athena::WorkGroup", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_athena_workgroup", "address": "aws_athena_workgroup.r", "values": values}]}

test_cloudformation_reported if {
	fs := athena_workgroup_kms.deny with input as cfn({"WorkGroupConfiguration": {"ResultConfiguration": {"EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}}}}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "WorkGroupConfiguration", "ResultConfiguration", "EncryptionConfiguration", "KmsKey"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(athena_workgroup_kms.deny) == 0 with input as cfn({"WorkGroupConfiguration": {"ResultConfiguration": {"EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}}}}) with data.tollgate.config.require_customer_managed_keys as true
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := athena_workgroup_kms.deny with input as tf(format, {"configuration": []}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "configuration", 0, "result_configuration", 0, "encryption_configuration", 0, "kms_key_arn"]
	f.resource == "aws_athena_workgroup.r"
}

test_terraform_passes if {
	count(athena_workgroup_kms.deny) == 0 with input as tf("terraform", {"configuration": [{"result_configuration": [{"encryption_configuration": [{"encryption_option": "SSE_KMS", "kms_key_arn": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}]}]}]}) with data.tollgate.config.require_customer_managed_keys as true
}

test_unknown_is_set if {
	count(athena_workgroup_kms.deny) == 0 with input as cfn({"WorkGroupConfiguration": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

# The service always encrypts: without require_customer_managed_keys there
# is nothing to report.
test_aws_key_accepted_by_default if {
	count(athena_workgroup_kms.deny) == 0 with input as cfn({"WorkGroupConfiguration": {"ResultConfiguration": {"EncryptionConfiguration": {"EncryptionOption": "SSE_S3"}}}})
	count(athena_workgroup_kms.deny) == 0 with input as tf("terraform", {"configuration": []})
}
