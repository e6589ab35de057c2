package tollgate.aws.s3_bucket_versioning_test

import rego.v1

import data.tollgate.aws.s3_bucket_versioning as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

test_cloudformation_missing if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "VersioningConfiguration", "Status"],
		"message": "bucket is not versioned (VersioningConfiguration.Status is not set)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn({"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "acme-data"}}})
}

test_cloudformation_values if {
	got := rule.deny with input as cfn({
		"Suspended": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Suspended"}}},
		"Enabled": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Enabled"}}},
		"Param": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": {"__unknown__": true, "expr": "Ref Versioning", "ref": "Versioning"}}}},
		"Locked": {"Type": "AWS::S3::Bucket", "Properties": {"ObjectLockEnabled": true}},
		"Logs": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "LogDeliveryWrite"}},
	})
	{[f.resource, f.message] | some f in got} == {["Suspended", "bucket is not versioned (VersioningConfiguration.Status is Suspended)"]}
}

tf_ref(address) := {"__unknown__": true, "expr": concat("", [address, ".id"]), "ref": address, "attribute": "id"}

test_terraform if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "data"}},
		{"address": "aws_s3_bucket.paused", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "paused"}},
		{"address": "aws_s3_bucket_versioning.paused", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {"bucket": tf_ref("aws_s3_bucket.paused"), "versioning_configuration": [{"status": "Suspended"}]}},
	]}
	got == {
		{
			"resource": "aws_s3_bucket.data",
			"path": ["resources", 0],
			"message": "bucket is not versioned (no aws_s3_bucket_versioning names it)",
			"remediation": rule.fix.terraform,
		},
		{
			"resource": "aws_s3_bucket_versioning.paused",
			"path": ["resources", 2, "values", "versioning_configuration", 0, "status"],
			"message": "bucket versioning is Suspended, not Enabled (versioning_configuration.status)",
			"remediation": rule.fix.terraform,
		},
	}
}

# A plan leaves the bucket's computed legacy versioning block unknown:
# the bucket may be versioned, and only an explicit setting is reported.
test_plan if {
	got := rule.deny with input as {"tollgate": {"format": "terraform-plan"}, "resources": [
		{"address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "data", "versioning": {"__unknown__": true, "expr": "versioning"}}},
		{"address": "aws_s3_bucket_versioning.data", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {"bucket": {"__unknown__": true, "expr": "bucket", "ref": "aws_s3_bucket.data"}, "versioning_configuration": [{"status": "Suspended"}]}},
	]}
	{f.resource | some f in got} == {"aws_s3_bucket_versioning.data"}
}
