package tollgate.aws.kinesis_stream_encryption_test

import rego.v1

import data.tollgate.aws.kinesis_stream_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::Kinesis::Stream", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_kinesis_stream", "address": "aws_kinesis_stream.r", "values": values}]}

test_cloudformation_reported if {
	fs := kinesis_stream_encryption.deny with input as cfn({"ShardCount": 1})
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "StreamEncryption", "EncryptionType"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(kinesis_stream_encryption.deny) == 0 with input as cfn({"StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}})
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := kinesis_stream_encryption.deny with input as tf(format, {"encryption_type": "NONE"})
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "encryption_type"]
	f.resource == "aws_kinesis_stream.r"
}

test_terraform_passes if {
	count(kinesis_stream_encryption.deny) == 0 with input as tf("terraform", {"encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"})
}

test_unknown_is_set if {
	count(kinesis_stream_encryption.deny) == 0 with input as cfn({"StreamEncryption": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_aws_managed_key_only_reported_under_switch if {
	count(kinesis_stream_encryption.deny) == 0 with input as cfn({"StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}})
	fs := kinesis_stream_encryption.deny with input as cfn({"StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}})
		with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	contains(f.message, "not a customer-managed KMS key")
}
