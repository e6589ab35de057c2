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
