package tollgate.aws.memorydb_cluster_tls_test

import rego.v1

import data.tollgate.aws.memorydb_cluster_tls

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::MemoryDB::Cluster", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_memorydb_cluster", "address": "aws_memorydb_cluster.r", "values": values}]}

test_cloudformation_reported if {
	fs := memorydb_cluster_tls.deny with input as cfn({"TLSEnabled": "false"})
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "TLSEnabled"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(memorydb_cluster_tls.deny) == 0 with input as cfn({})
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := memorydb_cluster_tls.deny with input as tf(format, {"tls_enabled": false})
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "tls_enabled"]
	f.resource == "aws_memorydb_cluster.r"
}

test_terraform_passes if {
	count(memorydb_cluster_tls.deny) == 0 with input as tf("terraform", {"tls_enabled": null})
}

test_unknown_is_set if {
	count(memorydb_cluster_tls.deny) == 0 with input as cfn({"TLSEnabled": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_message_says_in_transit if {
	some f in memorydb_cluster_tls.deny with input as cfn({"TLSEnabled": false})
	f.message == "MemoryDB cluster is not encrypted in transit (TLSEnabled is not true)"
}
