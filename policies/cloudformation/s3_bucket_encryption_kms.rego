# METADATA
# title: S3 bucket is encrypted with a customer-managed KMS key
# description: >-
#   Since 2023 S3 encrypts every new object with SSE-S3 (AES256) when a bucket
#   sets nothing, so data is encrypted at rest, but with a key nobody can scope
#   or revoke. Default encryption must use SSE-KMS or DSSE-KMS with a
#   customer-managed key; aws:kms without KMSMasterKeyID (or with alias/aws/s3)
#   uses the AWS-managed key, whose policy cannot be restricted. Buckets
#   that receive Classic Load Balancer access logs or, with logging
#   enabled, Application Load Balancer access or connection logs may use
#   SSE-S3: that log delivery supports SSE-S3 only. Network Load Balancer
#   log buckets support SSE-KMS and are not exempt.
# custom:
#   id: aws-s3-bucket-encryption-kms
#   severity: medium
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::S3::Bucket"]
#   remediation: >-
#     Set BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault
#     to SSEAlgorithm aws:kms (or aws:kms:dsse) with KMSMasterKeyID set to a
#     customer-managed key (for example !GetAtt BucketKey.Arn).
package tollgate.cloudformation.s3_bucket_encryption_kms

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

deny contains f if {
	some name, r in cfn.resources("AWS::S3::Bucket")
	not cfn.has_prop(r, ["BucketEncryption"])
	not log_bucket(name, r)
	f := cfn.finding(name, ["BucketEncryption"], "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key")
}

# A configuration rule without ServerSideEncryptionByDefault only toggles the
# bucket key: objects then fall back to SSE-S3.
deny contains f if {
	some [name, i, rule] in sse_rules
	not "ServerSideEncryptionByDefault" in object.keys(rule)
	not log_bucket(name, input.Resources[name])
	f := cfn.finding(name, rule_path(i), "encryption rule sets no ServerSideEncryptionByDefault, so objects get SSE-S3 rather than a customer-managed KMS key")
}

deny contains f if {
	some [name, i, rule] in sse_rules
	alg := rule.ServerSideEncryptionByDefault.SSEAlgorithm
	is_string(alg)
	not alg in kms_algorithms
	not log_bucket(name, input.Resources[name])
	f := cfn.finding(name, array.concat(rule_path(i), ["ServerSideEncryptionByDefault", "SSEAlgorithm"]), sprintf("default encryption uses %s, not SSE-KMS with a customer-managed key", [alg]))
}

deny contains f if {
	some [name, i, rule] in sse_rules
	by_default := rule.ServerSideEncryptionByDefault
	by_default.SSEAlgorithm in kms_algorithms
	key := object.get(by_default, "KMSMasterKeyID", "alias/aws/s3")
	not encryption.customer_key(key)
	f := cfn.finding(name, array.concat(rule_path(i), ["ServerSideEncryptionByDefault", "KMSMasterKeyID"]), "default encryption uses the AWS-managed key aws/s3 rather than a customer-managed KMS key")
}

# sse_rules yields [logical id, index, rule] for every known encryption rule.
sse_rules contains [name, i, rule] if {
	some name, r in cfn.resources("AWS::S3::Bucket")
	rules := encryption.prop(r, ["BucketEncryption", "ServerSideEncryptionConfiguration"], [])
	is_array(rules)
	some i, rule in rules
	is_object(rule)
	not core.is_unknown(rule)
}

rule_path(i) := ["BucketEncryption", "ServerSideEncryptionConfiguration", i]

# Classic Load Balancers, and Application Load Balancers for access and
# connection logs, deliver logs only to buckets encrypted with SSE-S3:
# SSE-KMS default encryption stops log delivery, so SSE-S3 is the correct
# setting for such a bucket. Network Load Balancer access logs support
# SSE-KMS with a customer-managed key, so their buckets get no exemption.
log_bucket(name, b) if {
	some elb in cfn.resources("AWS::ElasticLoadBalancing::LoadBalancer")
	target := encryption.prop(elb, ["AccessLoggingPolicy", "S3BucketName"], null)
	names_bucket(target, name, b)
}

log_bucket(name, b) if {
	some lb in cfn.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	encryption.prop(lb, ["Type"], "application") == "application"
	attributes := encryption.prop(lb, ["LoadBalancerAttributes"], [])
	some kind in ["access_logs", "connection_logs"]
	target := attribute(attributes, sprintf("%s.s3.bucket", [kind]))
	enabled_or_unknown(attribute(attributes, sprintf("%s.s3.enabled", [kind])))
	names_bucket(target, name, b)
}

# attribute is the Value of the LoadBalancerAttributes entry with a key.
attribute(attributes, key) := v if {
	is_array(attributes)
	some a in attributes
	is_object(a)
	a.Key == key
	v := a.Value
}

# Logging is off unless its .s3.enabled attribute is true; a parameter may
# turn it on, and the bucket must then be deliverable.
enabled_or_unknown(x) if core.is_true(x)

enabled_or_unknown(x) if core.is_unknown(x)

names_bucket(t, name, _) if cfn.refers_to(t, name)

names_bucket(t, _, b) if {
	is_string(t)
	t == encryption.prop(b, ["BucketName"], null)
}
