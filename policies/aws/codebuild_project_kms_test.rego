package tollgate.aws.codebuild_project_kms_test

import rego.v1

import data.tollgate.aws.codebuild_project_kms

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::CodeBuild::Project", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_codebuild_project", "address": "aws_codebuild_project.r", "values": values}]}

test_cloudformation_reported if {
	fs := codebuild_project_kms.deny with input as cfn({}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["Resources", "R", "Properties", "EncryptionKey"]
	f.resource == "R"
}

test_cloudformation_passes if {
	count(codebuild_project_kms.deny) == 0 with input as cfn({"EncryptionKey": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}) with data.tollgate.config.require_customer_managed_keys as true
}

test_terraform_reported if {
	some format in ["terraform", "terraform-plan"]
	fs := codebuild_project_kms.deny with input as tf(format, {"encryption_key": "alias/aws/s3"}) with data.tollgate.config.require_customer_managed_keys as true
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "encryption_key"]
	f.resource == "aws_codebuild_project.r"
}

test_terraform_passes if {
	count(codebuild_project_kms.deny) == 0 with input as tf("terraform", {"encryption_key": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

test_unknown_is_set if {
	count(codebuild_project_kms.deny) == 0 with input as cfn({"EncryptionKey": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}) with data.tollgate.config.require_customer_managed_keys as true
}

# The service always encrypts: without require_customer_managed_keys there
# is nothing to report.
test_aws_key_accepted_by_default if {
	count(codebuild_project_kms.deny) == 0 with input as cfn({})
	count(codebuild_project_kms.deny) == 0 with input as tf("terraform", {"encryption_key": "alias/aws/s3"})
}
