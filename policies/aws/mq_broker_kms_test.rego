package tollgate.aws.mq_broker_kms_test

import rego.v1

import data.tollgate.aws.mq_broker_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::AmazonMQ::Broker", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_mq_broker", "address": "aws_mq_broker.r", "values": values}]}

test_cloudformation_reported if {
	fs := mq_broker_kms.deny with input as cfn({"EncryptionOptions": {"UseAwsOwnedKey": true}}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "EncryptionOptions", "KmsKeyId"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(mq_broker_kms.deny) == 0 with input as cfn({"EncryptionOptions": {"UseAwsOwnedKey": false, "KmsKeyId": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}}) with data.tollgate.config.require_customer_managed_keys as true
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := mq_broker_kms.deny with input as tf(format, {"encryption_options": [{"use_aws_owned_key": true}]}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "encryption_options", 0, "kms_key_id"]
	f.resource == "aws_mq_broker.r"
}

test_terraform_passes if {
	count(mq_broker_kms.deny) == 0 with input as tf("terraform", {"encryption_options": [{"use_aws_owned_key": false, "kms_key_id": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}]}) with data.tollgate.config.require_customer_managed_keys as true
}

test_unknown_is_set if {
	count(mq_broker_kms.deny) == 0 with input as cfn({"EncryptionOptions": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

# The service always encrypts: without require_customer_managed_keys there
# is nothing to report.
test_aws_key_accepted_by_default if {
	count(mq_broker_kms.deny) == 0 with input as cfn({"EncryptionOptions": {"UseAwsOwnedKey": true}})
	count(mq_broker_kms.deny) == 0 with input as tf("terraform", {"encryption_options": [{"use_aws_owned_key": true}]})
}
