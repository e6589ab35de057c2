package tollgate.aws.redshift_cluster_encryption_test

import rego.v1

import data.tollgate.aws.redshift_cluster_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::Redshift::Cluster", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_redshift_cluster", "address": "aws_redshift_cluster.r", "values": values}]}

test_cloudformation_reported if {
	fs := redshift_cluster_encryption.deny with input as cfn({"Encrypted": "false"})
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "Encrypted"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(redshift_cluster_encryption.deny) == 0 with input as cfn({})
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := redshift_cluster_encryption.deny with input as tf(format, {"encrypted": false})
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "encrypted"]
	f.resource == "aws_redshift_cluster.r"
}

test_terraform_passes if {
	count(redshift_cluster_encryption.deny) == 0 with input as tf("terraform", {"encrypted": null})
}

test_unknown_is_set if {
	count(redshift_cluster_encryption.deny) == 0 with input as cfn({"Encrypted": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_aws_managed_key_only_reported_under_switch if {
	count(redshift_cluster_encryption.deny) == 0 with input as cfn({"Encrypted": true})
	fs := redshift_cluster_encryption.deny with input as cfn({"Encrypted": true})
		with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	contains(f.message, "not a customer-managed KMS key")
}
