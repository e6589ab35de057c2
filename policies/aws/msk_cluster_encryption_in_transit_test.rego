package tollgate.aws.msk_cluster_encryption_in_transit_test

import rego.v1

import data.tollgate.aws.msk_cluster_encryption_in_transit

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::MSK::Cluster", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_msk_cluster", "address": "aws_msk_cluster.r", "values": values}]}

test_defaults_pass if {
	count(msk_cluster_encryption_in_transit.deny) == 0 with input as cfn({})
}

test_plaintext_reported if {
	fs := msk_cluster_encryption_in_transit.deny with input as cfn({"EncryptionInfo": {"EncryptionInTransit": {"ClientBroker": "TLS_PLAINTEXT", "InCluster": false}}})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "EncryptionInfo", "EncryptionInTransit", "ClientBroker"], ["Resources", "R", "Properties", "EncryptionInfo", "EncryptionInTransit", "InCluster"]}
}

test_tf_plaintext_reported if {
	fs := msk_cluster_encryption_in_transit.deny with input as tf("terraform", {"encryption_info": [{"encryption_in_transit": [{"client_broker": "PLAINTEXT", "in_cluster": true}]}]})
	{f.path | some f in fs} == {["resources", 0, "values", "encryption_info", 0, "encryption_in_transit", 0, "client_broker"]}
}

test_plan_tls_passes if {
	count(msk_cluster_encryption_in_transit.deny) == 0 with input as tf("terraform-plan", {"encryption_info": [{"encryption_in_transit": [{"client_broker": "TLS", "in_cluster": true}]}]})
}

test_unknown_passes if {
	count(msk_cluster_encryption_in_transit.deny) == 0 with input as cfn({"EncryptionInfo": {"EncryptionInTransit": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}})
}

