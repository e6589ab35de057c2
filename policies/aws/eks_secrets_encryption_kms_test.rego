package tollgate.aws.eks_secrets_encryption_kms_test

import rego.v1

import data.tollgate.aws.eks_secrets_encryption_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::EKS::Cluster", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_eks_cluster", "address": "aws_eks_cluster.r", "values": values}]}

test_cloudformation_reported if {
	fs := eks_secrets_encryption_kms.deny with input as cfn({"RoleArn": "arn:aws:iam::111122223333:role/eks"}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "EncryptionConfig", 0, "Provider", "KeyArn"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(eks_secrets_encryption_kms.deny) == 0 with input as cfn({"EncryptionConfig": [{"Resources": ["secrets"], "Provider": {"KeyArn": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}}]}) with data.tollgate.config.require_customer_managed_keys as true
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := eks_secrets_encryption_kms.deny with input as tf(format, {"encryption_config": []}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "encryption_config", 0, "provider", 0, "key_arn"]
	f.resource == "aws_eks_cluster.r"
}

test_terraform_passes if {
	count(eks_secrets_encryption_kms.deny) == 0 with input as tf("terraform", {"encryption_config": [{"resources": ["secrets"], "provider": [{"key_arn": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}]}]}) with data.tollgate.config.require_customer_managed_keys as true
}

test_unknown_is_set if {
	count(eks_secrets_encryption_kms.deny) == 0 with input as cfn({"EncryptionConfig": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

# The service always encrypts: without require_customer_managed_keys there
# is nothing to report.
test_aws_key_accepted_by_default if {
	count(eks_secrets_encryption_kms.deny) == 0 with input as cfn({"RoleArn": "arn:aws:iam::111122223333:role/eks"})
	count(eks_secrets_encryption_kms.deny) == 0 with input as tf("terraform", {"encryption_config": []})
}
