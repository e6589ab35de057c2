package tollgate.aws.firehose_delivery_stream_encryption_test

import rego.v1

import data.tollgate.aws.firehose_delivery_stream_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::KinesisFirehose::DeliveryStream", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_kinesis_firehose_delivery_stream", "address": "aws_kinesis_firehose_delivery_stream.r", "values": values}]}

test_cloudformation_reported if {
	fs := firehose_delivery_stream_encryption.deny with input as cfn({"DeliveryStreamType": "DirectPut"})
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "DeliveryStreamEncryptionConfigurationInput"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(firehose_delivery_stream_encryption.deny) == 0 with input as cfn({"DeliveryStreamType": "KinesisStreamAsSource"})
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := firehose_delivery_stream_encryption.deny with input as tf(format, {"destination": "extended_s3", "server_side_encryption": []})
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "server_side_encryption", 0, "enabled"]
	f.resource == "aws_kinesis_firehose_delivery_stream.r"
}

test_terraform_passes if {
	count(firehose_delivery_stream_encryption.deny) == 0 with input as tf("terraform", {"destination": "extended_s3", "kinesis_source_configuration": [{"kinesis_stream_arn": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}]})
}

test_unknown_is_set if {
	count(firehose_delivery_stream_encryption.deny) == 0 with input as cfn({"DeliveryStreamType": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_aws_managed_key_only_reported_under_switch if {
	count(firehose_delivery_stream_encryption.deny) == 0 with input as cfn({"DeliveryStreamEncryptionConfigurationInput": {"KeyType": "AWS_OWNED_CMK"}})
	fs := firehose_delivery_stream_encryption.deny with input as cfn({"DeliveryStreamEncryptionConfigurationInput": {"KeyType": "AWS_OWNED_CMK"}})
		with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	contains(f.message, "not a customer-managed KMS key")
}
