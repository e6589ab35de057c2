package tollgate.aws.fsx_file_system_kms_test

import rego.v1

import data.tollgate.aws.fsx_file_system_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::FSx::FileSystem", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_fsx_lustre_file_system", "address": "aws_fsx_lustre_file_system.r", "values": values}]}

test_cloudformation_reported if {
	fs := fsx_file_system_kms.deny with input as cfn({"FileSystemType": "LUSTRE"}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "KmsKeyId"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(fsx_file_system_kms.deny) == 0 with input as cfn({"FileSystemType": "LUSTRE", "KmsKeyId": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := fsx_file_system_kms.deny with input as tf(format, {"storage_capacity": 1200}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "kms_key_id"]
	f.resource == "aws_fsx_lustre_file_system.r"
}

test_terraform_passes if {
	count(fsx_file_system_kms.deny) == 0 with input as tf("terraform", {"kms_key_id": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

test_unknown_is_set if {
	count(fsx_file_system_kms.deny) == 0 with input as cfn({"KmsKeyId": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

# The service always encrypts: without require_customer_managed_keys there
# is nothing to report.
test_aws_key_accepted_by_default if {
	count(fsx_file_system_kms.deny) == 0 with input as cfn({"FileSystemType": "LUSTRE"})
	count(fsx_file_system_kms.deny) == 0 with input as tf("terraform", {"storage_capacity": 1200})
}
