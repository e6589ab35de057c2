package tollgate.lib.aws.s3_encryption_test

import rego.v1

import data.tollgate.lib.aws.s3

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

tf(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

bucket_ref := {"__unknown__": true, "expr": "aws_s3_bucket.b.id", "ref": "aws_s3_bucket.b", "attribute": "id"}

tf_bucket(values) := {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "values": object.union({"bucket": "logs"}, values)}

test_cloudformation_rules if {
	es := s3.encryption_rules with input as cfn({"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [
		{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "k"}},
		{"BucketKeyEnabled": true},
	]}}}})
	{[e.path, e.by_default_written, e.algorithm.value, e.key.value, e.key.path] | some e in es} == {
		[["Resources", "B", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0], true, "aws:kms", "k", ["Resources", "B", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "KMSMasterKeyID"]],
		[["Resources", "B", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 1], false, null, null, ["Resources", "B", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 1, "ServerSideEncryptionByDefault", "KMSMasterKeyID"]],
	}
}

test_terraform_settings_resource_and_legacy_block if {
	es := s3.encryption_rules with input as tf([
		tf_bucket({"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}]}),
		{"address": "aws_s3_bucket_server_side_encryption_configuration.c", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "values": {"bucket": bucket_ref, "rule": [{"bucket_key_enabled": true}]}},
	])
	{[e.resource.resource, e.path, e.by_default_written, e.algorithm.value] | some e in es} == {
		["aws_s3_bucket.b", ["resources", 0, "values", "server_side_encryption_configuration", 0, "rule", 0], true, "AES256"],
		["aws_s3_bucket_server_side_encryption_configuration.c", ["resources", 1, "values", "rule", 0], false, null],
	}
}

test_has_default_encryption if {
	s3.has_default_encryption(s3.buckets.B) with input as cfn({"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {}}}})
	not s3.has_default_encryption(s3.buckets.B) with input as cfn({"B": {"Type": "AWS::S3::Bucket", "Properties": {}}})
	s3.has_default_encryption(s3.buckets[0]) with input as tf([
		tf_bucket({}),
		{"address": "aws_s3_bucket_server_side_encryption_configuration.c", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "values": {"bucket": "logs"}},
	])
	not s3.has_default_encryption(s3.buckets[0]) with input as tf([tf_bucket({})])
}

# ALB and classic ELB access logs go only to SSE-S3 buckets.
test_log_buckets if {
	s3.log_bucket(s3.buckets.Logs) with input as cfn({
		"Logs": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"LoadBalancerAttributes": [
			{"Key": "access_logs.s3.enabled", "Value": "true"},
			{"Key": "access_logs.s3.bucket", "Value": {"__unknown__": true, "expr": "Ref Logs", "ref": "Logs"}},
		]}},
	})
	not s3.log_bucket(s3.buckets.Logs) with input as cfn({
		"Logs": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "network", "LoadBalancerAttributes": [
			{"Key": "access_logs.s3.enabled", "Value": "true"},
			{"Key": "access_logs.s3.bucket", "Value": {"__unknown__": true, "expr": "Ref Logs", "ref": "Logs"}},
		]}},
	})
	s3.log_bucket(s3.buckets[1]) with input as tf([
		{"address": "aws_elb.e", "mode": "managed", "type": "aws_elb", "values": {"access_logs": [{"bucket": "logs"}]}},
		tf_bucket({}),
	])
	not s3.log_bucket(s3.buckets[1]) with input as tf([
		{"address": "aws_elb.e", "mode": "managed", "type": "aws_elb", "values": {"access_logs": [{"bucket": "logs", "enabled": false}]}},
		tf_bucket({}),
	])
}
