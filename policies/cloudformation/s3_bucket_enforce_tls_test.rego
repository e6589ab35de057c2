package tollgate.cloudformation.s3_bucket_enforce_tls_test

import rego.v1

import data.tollgate.cloudformation.s3_bucket_enforce_tls as rule

ref(name) := {"__unknown__": true, "expr": sprintf("Ref %s", [name]), "ref": name}

deny_http := {
	"Sid": "DenyInsecureTransport",
	"Effect": "Deny",
	"Principal": "*",
	"Action": "s3:*",
	"Resource": [{"__unknown__": true, "expr": "Fn::GetAtt Data.Arn", "ref": "Data", "attribute": "Arn"}],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

template(bucket_props, statements) := {"Resources": {
	"Data": {"Type": "AWS::S3::Bucket", "Properties": bucket_props},
	"DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
		"Bucket": ref("Data"),
		"PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
	}},
}}

test_bucket_without_policy if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data"],
		"message": "bucket has no bucket policy denying requests that do not use TLS (aws:SecureTransport false)",
	}} with input as {"Resources": {"Data": {"Type": "AWS::S3::Bucket"}}}
}

test_policy_without_deny if {
	allow_read := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "*"}
	rule.deny == {{
		"resource": "DataPolicy",
		"path": ["Resources", "DataPolicy", "Properties", "PolicyDocument"],
		"message": "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false",
	}} with input as template({}, [allow_read])
}

# An Allow limited to TLS does not stop identity policies from granting HTTP access.
test_allow_on_secure_transport_is_not_enough if {
	allow_tls := object.union(deny_http, {"Effect": "Allow", "Condition": {"Bool": {"aws:SecureTransport": "true"}}})
	count(rule.deny) == 1 with input as template({}, [allow_tls])
}

test_deny_variants if {
	count(rule.deny) == 0 with input as template({}, [deny_http])
	count(rule.deny) == 0 with input as template({}, deny_http)
	count(rule.deny) == 0 with input as template({}, [object.union(deny_http, {"Principal": {"AWS": "*"}, "Action": ["*"]})])
	count(rule.deny) == 0 with input as template({}, [object.union(deny_http, {"Principal": {"AWS": ["*"]}, "Action": ["s3:*"]})])
	if_exists := object.union(object.remove(deny_http, ["Condition"]), {"Condition": {"BoolIfExists": {"aws:securetransport": false}}})
	count(rule.deny) == 0 with input as template({}, [if_exists])
	count(rule.deny) == 0 with input as template({}, [object.union(deny_http, {"Condition": {"Bool": {"aws:SecureTransport": ["false"]}}})])
}

test_deny_too_narrow if {
	count(rule.deny) == 1 with input as template({}, [object.union(deny_http, {"Action": "s3:GetObject"})])
	count(rule.deny) == 1 with input as template({}, [object.union(deny_http, {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})])
	count(rule.deny) == 1 with input as template({}, [object.union(deny_http, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})])
	string_equals := object.union(object.remove(deny_http, ["Condition"]), {"Condition": {"StringEquals": {"aws:SecureTransport": "false"}}})
	count(rule.deny) == 1 with input as template({}, [string_equals])
	count(rule.deny) == 1 with input as template({}, [object.remove(deny_http, ["Condition"])])
}

test_policy_as_json_string if {
	doc := json.marshal({"Version": "2012-10-17", "Statement": [deny_http]})
	inp := {"Resources": {
		"Data": {"Type": "AWS::S3::Bucket"},
		"DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": ref("Data"), "PolicyDocument": doc}},
	}}
	count(rule.deny) == 0 with input as inp
}

test_policy_for_literal_bucket_name if {
	inp := {"Resources": {
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders-data"}},
		"DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "orders-data", "PolicyDocument": {"Statement": [deny_http]}}},
	}}
	count(rule.deny) == 0 with input as inp
}

test_policy_for_other_bucket if {
	inp := {"Resources": {
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders-data"}},
		"Logs": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders-logs"}},
		"LogsPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": ref("Logs"), "PolicyDocument": {"Statement": [deny_http]}}},
		"Other": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "someone-elses-bucket", "PolicyDocument": {"Statement": [deny_http]}}},
	}}
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data"],
		"message": "bucket has no bucket policy denying requests that do not use TLS (aws:SecureTransport false)",
	}} with input as inp
}

test_unknowns if {
	u := {"__unknown__": true, "expr": "Fn::If Strict"}
	count(rule.deny) == 0 with input as template({}, u)
	count(rule.deny) == 0 with input as template({}, [u])
	count(rule.deny) == 0 with input as template({}, [object.union(deny_http, {"Condition": {"Bool": {"aws:SecureTransport": u}}})])

	# A Bucket from a parameter may be any bucket.
	inp := {"Resources": {
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders-data"}},
		"DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": ref("BucketNameParam"), "PolicyDocument": {"Statement": [deny_http]}}},
	}}
	count(rule.deny) == 0 with input as inp
}
