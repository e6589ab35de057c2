package tollgate.aws.s3_bucket_access_logging_test

import rego.v1

import data.tollgate.aws.s3_bucket_access_logging as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

ref(name) := {"__unknown__": true, "expr": concat(" ", ["Ref", name]), "ref": name}

test_cloudformation if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "LoggingConfiguration"],
		"message": "bucket has no server access logging (LoggingConfiguration is not set)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn({
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"Logged": {"Type": "AWS::S3::Bucket", "Properties": {"LoggingConfiguration": {"DestinationBucketName": ref("AccessLogs")}}},
		"AccessLogs": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"Param": {"Type": "AWS::S3::Bucket", "Properties": {"LoggingConfiguration": {"__unknown__": true, "expr": "If Prod"}}},
	})
}

test_terraform if {
	rule.deny == {{
		"resource": "aws_s3_bucket.data",
		"path": ["resources", 0],
		"message": "bucket has no server access logging (no aws_s3_bucket_logging names it)",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "data"}},
		{"address": "aws_s3_bucket.legacy", "mode": "managed", "type": "aws_s3_bucket", "values": {"logging": [{"target_bucket": "central-logs"}]}},
	]}
}
