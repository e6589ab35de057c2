package tollgate.cloudformation.s3_bucket_encryption_kms_test

import rego.v1

import data.tollgate.cloudformation.s3_bucket_encryption_kms as rule

bucket(props) := {"Resources": {"Data": {"Type": "AWS::S3::Bucket", "Properties": props}}}

sse(by_default) := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": by_default}]}}

key_arn := {"__unknown__": true, "expr": "Fn::GetAtt DataKey.Arn", "ref": "DataKey", "attribute": "Arn"}

test_missing_encryption if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "BucketEncryption"],
		"message": "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key",
	}} with input as bucket({"BucketName": "orders"})
}

test_bucket_without_properties if {
	count(rule.deny) == 1 with input as {"Resources": {"Data": {"Type": "AWS::S3::Bucket"}}}
}

test_aes256 if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"],
		"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
	}} with input as bucket(sse({"SSEAlgorithm": "AES256"}))
}

test_kms_without_key_uses_aws_managed if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "KMSMasterKeyID"],
		"message": "default encryption uses the AWS-managed key aws/s3 rather than a customer-managed KMS key",
	}} with input as bucket(sse({"SSEAlgorithm": "aws:kms"}))
}

test_kms_with_aws_managed_alias if {
	count(rule.deny) == 1 with input as bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/aws/s3"}))
	count(rule.deny) == 1 with input as bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3"}))
}

test_rule_without_default_only_sets_bucket_key if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0],
		"message": "encryption rule sets no ServerSideEncryptionByDefault, so objects get SSE-S3 rather than a customer-managed KMS key",
	}} with input as bucket({"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"BucketKeyEnabled": true}]}})
}

test_customer_managed_key if {
	count(rule.deny) == 0 with input as bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn}))
	count(rule.deny) == 0 with input as bucket(sse({"SSEAlgorithm": "aws:kms:dsse", "KMSMasterKeyID": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}))
	count(rule.deny) == 0 with input as bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/orders-data"}))
}

test_unknown_values if {
	unknown := {"__unknown__": true, "expr": "Fn::If UseKms"}
	count(rule.deny) == 0 with input as bucket({"BucketEncryption": unknown})
	count(rule.deny) == 0 with input as bucket({"BucketEncryption": {"ServerSideEncryptionConfiguration": unknown}})
	count(rule.deny) == 0 with input as bucket({"BucketEncryption": {"ServerSideEncryptionConfiguration": [unknown]}})
	count(rule.deny) == 0 with input as bucket(sse(unknown))
	count(rule.deny) == 0 with input as bucket(sse({"SSEAlgorithm": unknown, "KMSMasterKeyID": key_arn}))
}

test_other_resources_ignored if {
	count(rule.deny) == 0 with input as {"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {}}}}
}

test_classic_elb_log_bucket_exempt if {
	elb := {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"AccessLoggingPolicy": {"Enabled": true, "S3BucketName": {"__unknown__": true, "expr": "Ref LogsBucket", "ref": "LogsBucket"}}}}
	count(rule.deny) == 0 with input as {"Resources": {"Elb": elb, "LogsBucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}
	count(rule.deny) == 0 with input as {"Resources": {"Elb": elb, "LogsBucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}}}}
	count(rule.deny) == 0 with input as {"Resources": {
		"Elb": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"AccessLoggingPolicy": {"S3BucketName": "elb-logs-123456789012"}}},
		"LogsBucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "elb-logs-123456789012"}},
	}}

	# Other buckets of the same template are still checked.
	count(rule.deny) == 1 with input as {"Resources": {"Elb": elb, "LogsBucket": {"Type": "AWS::S3::Bucket"}, "DataBucket": {"Type": "AWS::S3::Bucket"}}}
}

logs_ref := {"__unknown__": true, "expr": "Ref LogsBucket", "ref": "LogsBucket"}

aes256 := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}

elbv2(props) := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": props}

log_attributes(kind, target) := [
	{"Key": sprintf("%s.s3.enabled", [kind]), "Value": "true"},
	{"Key": sprintf("%s.s3.bucket", [kind]), "Value": target},
]

with_logs(lb, bucket_props) := {"Resources": {
	"Alb": lb,
	"LogsBucket": {"Type": "AWS::S3::Bucket", "Properties": bucket_props},
}}

aes256_finding := {
	"resource": "LogsBucket",
	"path": ["Resources", "LogsBucket", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"],
	"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
}

test_alb_log_buckets_exempt if {
	lbs := [lb |
		some kind in ["access_logs", "connection_logs"]
		some lb in [
			elbv2({"LoadBalancerAttributes": log_attributes(kind, logs_ref)}),
			elbv2({"Type": "application", "Scheme": "internal", "LoadBalancerAttributes": log_attributes(kind, logs_ref)}),
		]
	]
	count(lbs) == 4
	every lb in lbs {
		count(rule.deny) == 0 with input as with_logs(lb, aes256)
		count(rule.deny) == 0 with input as with_logs(lb, {})
		count(rule.deny) == 0 with input as with_logs(lb, {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"BucketKeyEnabled": false}]}})
	}
}

test_alb_log_bucket_by_literal_name if {
	lb := elbv2({"LoadBalancerAttributes": log_attributes("access_logs", "alb-logs-123456789012")})
	count(rule.deny) == 0 with input as with_logs(lb, object.union(aes256, {"BucketName": "alb-logs-123456789012"}))
	rule.deny == {aes256_finding} with input as with_logs(lb, object.union(aes256, {"BucketName": "other-logs-123456789012"}))
}

# Exempt from the KMS requirement, not from the AWS-managed-key finding: a
# log bucket with aws:kms is still reported.
test_alb_log_bucket_aws_managed_key_still_reported if {
	lb := elbv2({"LoadBalancerAttributes": log_attributes("access_logs", logs_ref)})
	count(rule.deny) == 1 with input as with_logs(lb, sse({"SSEAlgorithm": "aws:kms"}))
}

test_nlb_and_gwlb_log_buckets_not_exempt if {
	every type in ["network", "gateway"] {
		lb := elbv2({"Type": type, "LoadBalancerAttributes": log_attributes("access_logs", logs_ref)})
		rule.deny == {aes256_finding} with input as with_logs(lb, aes256)
	}
}

test_disabled_alb_logs_not_exempt if {
	every attributes in [
		[{"Key": "access_logs.s3.bucket", "Value": logs_ref}],
		[{"Key": "access_logs.s3.enabled", "Value": "false"}, {"Key": "access_logs.s3.bucket", "Value": logs_ref}],
		[{"Key": "access_logs.s3.enabled", "Value": false}, {"Key": "access_logs.s3.bucket", "Value": logs_ref}],
		# Enabled access logs do not make the connection-log bucket deliverable.
		[{"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "connection_logs.s3.bucket", "Value": logs_ref}],
	] {
		rule.deny == {aes256_finding} with input as with_logs(elbv2({"LoadBalancerAttributes": attributes}), aes256)
	}
}

test_alb_logs_enabled_by_parameter_exempt if {
	enabled := {"__unknown__": true, "expr": "Ref EnableAccessLogs", "ref": "EnableAccessLogs"}
	attributes := [{"Key": "access_logs.s3.enabled", "Value": enabled}, {"Key": "access_logs.s3.bucket", "Value": logs_ref}]
	count(rule.deny) == 0 with input as with_logs(elbv2({"LoadBalancerAttributes": attributes}), aes256)
}

test_alb_unresolved_log_bucket_not_exempt if {
	every target in [
		{"__unknown__": true, "expr": "Ref LogBucketName", "ref": "LogBucketName"},
		{"__unknown__": true, "expr": "Fn::ImportValue shared-logs-bucket"},
	] {
		lb := elbv2({"LoadBalancerAttributes": log_attributes("access_logs", target)})
		rule.deny == {aes256_finding} with input as with_logs(lb, aes256)
	}
}

test_alb_unknown_type_or_attributes_not_exempt if {
	type := {"__unknown__": true, "expr": "Ref LoadBalancerType", "ref": "LoadBalancerType"}
	rule.deny == {aes256_finding} with input as with_logs(elbv2({"Type": type, "LoadBalancerAttributes": log_attributes("access_logs", logs_ref)}), aes256)
	rule.deny == {aes256_finding} with input as with_logs(elbv2({"LoadBalancerAttributes": {"__unknown__": true, "expr": "Fn::If"}}), aes256)
}
