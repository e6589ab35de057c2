package tollgate.aws.s3_bucket_policy_public_read_test

import rego.v1

import data.tollgate.aws.s3_bucket_policy_public_read as rule

template(statements) := {"tollgate": {"format": "cloudformation"}, "Resources": {
	"Site": {"Type": "AWS::S3::Bucket"},
	"SitePolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
		"Bucket": {"__unknown__": true, "expr": "Ref Site", "ref": "Site"},
		"PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
	}},
}}

read := {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}

test_cloudformation_public_read if {
	rule.deny == {{
		"resource": "SitePolicy",
		"path": ["Resources", "SitePolicy", "Properties", "PolicyDocument", "Statement", 0],
		"message": "bucket policy statement \"PublicRead\" allows everyone (Principal \"*\") to read objects (s3:GetObject), with no condition that narrows the callers (aws:SourceVpce, aws:SourceIp, aws:PrincipalOrgID, aws:SourceArn ...)",
	}} with input as template([read])
}

test_cloudformation_list_and_read_in_one_message if {
	s := object.union(read, {"Action": ["s3:GetObject", "s3:ListBucket"]})
	[f] := [f | some f in rule.deny] with input as template([s])
	contains(f.message, "to read objects and list the bucket or read its configuration (s3:GetObject, s3:ListBucket)")
}

test_write_only_is_the_other_rule if {
	count(rule.deny) == 0 with input as template([object.union(read, {"Action": "s3:PutObject"})])
}

test_narrowed_or_private_is_not_reported if {
	count(rule.deny) == 0 with input as template([object.union(read, {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c"}}})])
	count(rule.deny) == 0 with input as template([object.union(read, {"Principal": {"Service": "cloudfront.amazonaws.com"}})])
	count(rule.deny) == 0 with input as template([object.union(read, {"Principal": {"AWS": {"__unknown__": true, "expr": "Fn::GetAtt OAI.S3CanonicalUserId"}}})])
	count(rule.deny) == 0 with input as template({"__unknown__": true, "expr": "Fn::If"})
}

test_terraform_json_string if {
	inp := {"tollgate": {"format": "terraform"}, "resources": [{
		"address": "aws_s3_bucket_policy.site", "mode": "managed", "type": "aws_s3_bucket_policy",
		"values": {"bucket": "site", "policy": json.marshal({"Statement": [read]})},
	}]}
	rule.deny == {{
		"resource": "aws_s3_bucket_policy.site",
		"path": ["resources", 0, "values", "policy"],
		"message": "bucket policy statement \"PublicRead\" allows everyone (Principal \"*\") to read objects (s3:GetObject), with no condition that narrows the callers (aws:SourceVpce, aws:SourceIp, aws:PrincipalOrgID, aws:SourceArn ...)",
	}} with input as inp
}
