package tollgate.aws.dax_cluster_encryption_test

import rego.v1

import data.tollgate.aws.dax_cluster_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::DAX::Cluster", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_dax_cluster", "address": "aws_dax_cluster.r", "values": values}]}

test_cloudformation_reported if {
	fs := dax_cluster_encryption.deny with input as cfn({"NodeType": "dax.r5.large"})
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "SSESpecification", "SSEEnabled"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(dax_cluster_encryption.deny) == 0 with input as cfn({"SSESpecification": {"SSEEnabled": true}})
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := dax_cluster_encryption.deny with input as tf(format, {"server_side_encryption": [{"enabled": false}]})
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "server_side_encryption", 0, "enabled"]
	f.resource == "aws_dax_cluster.r"
}

test_terraform_passes if {
	count(dax_cluster_encryption.deny) == 0 with input as tf("terraform", {"server_side_encryption": [{"enabled": true}]})
}

test_unknown_is_set if {
	count(dax_cluster_encryption.deny) == 0 with input as cfn({"SSESpecification": {"SSEEnabled": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}})
}
