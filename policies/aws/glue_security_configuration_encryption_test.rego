package tollgate.aws.glue_security_configuration_encryption_test

import rego.v1

import data.tollgate.aws.glue_security_configuration_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::Glue::SecurityConfiguration", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_glue_security_configuration", "address": "aws_glue_security_configuration.r", "values": values}]}

test_all_missing_reported if {
	fs := glue_security_configuration_encryption.deny with input as cfn({"Name": "etl", "EncryptionConfiguration": {}})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "EncryptionConfiguration", "S3Encryptions", 0, "S3EncryptionMode"], ["Resources", "R", "Properties", "EncryptionConfiguration", "CloudWatchEncryption", "CloudWatchEncryptionMode"], ["Resources", "R", "Properties", "EncryptionConfiguration", "JobBookmarksEncryption", "JobBookmarksEncryptionMode"]}
}

test_single_s3_object_reported if {
	fs := glue_security_configuration_encryption.deny with input as cfn({"EncryptionConfiguration": {"S3Encryptions": {"S3EncryptionMode": "DISABLED"}, "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS"}, "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS"}}})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "EncryptionConfiguration", "S3Encryptions", "S3EncryptionMode"]}
}

test_all_on_passes if {
	count(glue_security_configuration_encryption.deny) == 0 with input as cfn({"EncryptionConfiguration": {"S3Encryptions": [{"S3EncryptionMode": "SSE-S3"}], "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS"}, "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS"}}})
}

test_unknown_passes if {
	count(glue_security_configuration_encryption.deny) == 0 with input as cfn({"EncryptionConfiguration": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_tf_disabled_reported if {
	fs := glue_security_configuration_encryption.deny with input as tf("terraform-plan", {"encryption_configuration": [{"s3_encryption": [{"s3_encryption_mode": "SSE-KMS"}], "cloudwatch_encryption": [{"cloudwatch_encryption_mode": "DISABLED"}], "job_bookmarks_encryption": [{"job_bookmarks_encryption_mode": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}]}]})
	{f.path | some f in fs} == {["resources", 0, "values", "encryption_configuration", 0, "cloudwatch_encryption", 0, "cloudwatch_encryption_mode"]}
}

