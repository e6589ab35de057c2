package tollgate.aws.ecr_repository_kms_test

import rego.v1

import data.tollgate.aws.ecr_repository_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::ECR::Repository", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_ecr_repository", "address": "aws_ecr_repository.r", "values": values}]}

test_cloudformation_reported if {
	fs := ecr_repository_kms.deny with input as cfn({"EncryptionConfiguration": {"EncryptionType": "KMS"}}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "EncryptionConfiguration", "KmsKey"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(ecr_repository_kms.deny) == 0 with input as cfn({"EncryptionConfiguration": {"EncryptionType": "KMS", "KmsKey": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}}) with data.tollgate.config.require_customer_managed_keys as true
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := ecr_repository_kms.deny with input as tf(format, {"encryption_configuration": [{"encryption_type": "AES256", "kms_key": ""}]}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "encryption_configuration", 0, "kms_key"]
	f.resource == "aws_ecr_repository.r"
}

test_terraform_passes if {
	count(ecr_repository_kms.deny) == 0 with input as tf("terraform", {"encryption_configuration": [{"encryption_type": "KMS", "kms_key": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}]}) with data.tollgate.config.require_customer_managed_keys as true
}

test_unknown_is_set if {
	count(ecr_repository_kms.deny) == 0 with input as cfn({"EncryptionConfiguration": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

# The service always encrypts: without require_customer_managed_keys there
# is nothing to report.
test_aws_key_accepted_by_default if {
	count(ecr_repository_kms.deny) == 0 with input as cfn({"EncryptionConfiguration": {"EncryptionType": "KMS"}})
	count(ecr_repository_kms.deny) == 0 with input as tf("terraform", {"encryption_configuration": [{"encryption_type": "AES256", "kms_key": ""}]})
}
