package tollgate.aws.msk_cluster_kms_test

import rego.v1

import data.tollgate.aws.msk_cluster_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::MSK::Cluster", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_msk_cluster", "address": "aws_msk_cluster.r", "values": values}]}

test_cmk_missing_reported if {
	fs := msk_cluster_kms.deny with input as cfn({})
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["Resources", "R", "Properties", "EncryptionInfo", "EncryptionAtRest", "DataVolumeKMSKeyId"]}
}

test_aws_managed_alias_reported if {
	fs := msk_cluster_kms.deny with input as tf("terraform", {"encryption_info": [{"encryption_at_rest_kms_key_arn": "alias/aws/kafka"}]})
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["resources", 0, "values", "encryption_info", 0, "encryption_at_rest_kms_key_arn"]}
}

test_customer_key_passes if {
	count(msk_cluster_kms.deny) == 0 with input as tf("terraform-plan", {"encryption_info": [{"encryption_at_rest_kms_key_arn": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}]})
		with data.tollgate.config.require_customer_managed_keys as true
}

test_off_without_switch if {
	count(msk_cluster_kms.deny) == 0 with input as cfn({})
}

