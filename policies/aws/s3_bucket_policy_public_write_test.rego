package tollgate.aws.s3_bucket_policy_public_write_test

import rego.v1

import data.tollgate.aws.s3_bucket_policy_public_write as rule

template(statements) := {"tollgate": {"format": "cloudformation"}, "Resources": {
	"Drop": {"Type": "AWS::S3::Bucket"},
	"DropPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
		"Bucket": {"__unknown__": true, "expr": "Ref Drop", "ref": "Drop"},
		"PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
	}},
}}

upload := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::drop/*"}

test_cloudformation_public_write if {
	rule.deny == {{
		"resource": "DropPolicy",
		"path": ["Resources", "DropPolicy", "Properties", "PolicyDocument", "Statement"],
		"message": "bucket policy statement allows everyone (Principal \"*\") to write or delete objects (s3:PutObject), with no condition that narrows the callers (aws:SourceVpce, aws:SourceIp, aws:PrincipalOrgID, aws:SourceArn ...)",
	}} with input as template(upload)
}

test_everything_is_write_and_admin if {
	[f] := [f | some f in rule.deny] with input as template([object.union(upload, {"Action": "s3:*"})])
	contains(f.message, "to write or delete objects and administer the bucket")
	f.path == ["Resources", "DropPolicy", "Properties", "PolicyDocument", "Statement", 0]
}

test_not_principal_allows_everyone_else if {
	s := object.union(object.remove(upload, ["Principal"]), {"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}})
	[f] := [f | some f in rule.deny] with input as template([s])
	contains(f.message, "(NotPrincipal)")
}

test_read_only_and_fenced_are_not_reported if {
	count(rule.deny) == 0 with input as template([object.union(upload, {"Action": "s3:GetObject"})])
	fence := {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc"}}}
	count(rule.deny) == 0 with input as template([upload, fence])
}

test_terraform_legacy_inline_policy if {
	inp := {"tollgate": {"format": "terraform-plan"}, "resources": [{
		"address": "aws_s3_bucket.drop", "mode": "managed", "type": "aws_s3_bucket",
		"values": {"bucket": "drop", "policy": json.marshal({"Statement": [upload]})},
	}]}
	rule.deny == {{
		"resource": "aws_s3_bucket.drop",
		"path": ["resources", 0, "values", "policy"],
		"message": "bucket policy statement allows everyone (Principal \"*\") to write or delete objects (s3:PutObject), with no condition that narrows the callers (aws:SourceVpce, aws:SourceIp, aws:PrincipalOrgID, aws:SourceArn ...)",
	}} with input as inp
}

test_terraform_directory_bucket_is_out_of_scope if {
	inp := {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_s3_directory_bucket.fast", "mode": "managed", "type": "aws_s3_directory_bucket", "values": {}},
		{"address": "aws_s3_bucket_policy.fast", "mode": "managed", "type": "aws_s3_bucket_policy", "values": {
			"bucket": {"__unknown__": true, "expr": "aws_s3_directory_bucket.fast.bucket", "ref": "aws_s3_directory_bucket.fast"},
			"policy": json.marshal({"Statement": [object.union(upload, {"Action": "*"})]}),
		}},
	]}
	count(rule.deny) == 0 with input as inp
}
