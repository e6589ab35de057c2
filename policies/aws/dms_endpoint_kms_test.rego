package tollgate.aws.dms_endpoint_kms_test

import rego.v1

import data.tollgate.aws.dms_endpoint_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::DMS::Endpoint", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_dms_endpoint", "address": "aws_dms_endpoint.r", "values": values}]}

test_cloudformation_reported if {
	fs := dms_endpoint_kms.deny with input as cfn({}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "KmsKeyId"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(dms_endpoint_kms.deny) == 0 with input as cfn({"KmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}) with data.tollgate.config.require_customer_managed_keys as true
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := dms_endpoint_kms.deny with input as tf(format, {"kms_key_arn": null}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "kms_key_arn"]
	f.resource == "aws_dms_endpoint.r"
}

test_terraform_passes if {
	count(dms_endpoint_kms.deny) == 0 with input as tf("terraform", {"kms_key_arn": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

test_unknown_is_set if {
	count(dms_endpoint_kms.deny) == 0 with input as cfn({"KmsKeyId": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

# The service always encrypts: without require_customer_managed_keys there
# is nothing to report.
test_aws_key_accepted_by_default if {
	count(dms_endpoint_kms.deny) == 0 with input as cfn({})
	count(dms_endpoint_kms.deny) == 0 with input as tf("terraform", {"kms_key_arn": null})
}
