package tollgate.aws.s3_bucket_encryption_kms_test

import rego.v1

import data.tollgate.aws.s3_bucket_encryption_kms as rule

# CloudFormation (and CDK)

cfn_bucket(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Data": {"Type": "AWS::S3::Bucket", "Properties": props}}}

cfn_sse(by_default) := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": by_default}]}}

key_arn := {"__unknown__": true, "expr": "Fn::GetAtt DataKey.Arn", "ref": "DataKey", "attribute": "Arn"}

test_cloudformation_missing_encryption if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "BucketEncryption"],
		"message": "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_bucket({"BucketName": "orders"})
}

test_cloudformation_bucket_without_properties if {
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Data": {"Type": "AWS::S3::Bucket"}}}
}

test_cloudformation_aes256 if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"],
		"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_bucket(cfn_sse({"SSEAlgorithm": "AES256"}))
}

test_cloudformation_kms_without_key_uses_aws_managed if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "KMSMasterKeyID"],
		"message": "default encryption uses the AWS-managed key aws/s3 rather than a customer-managed KMS key",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_bucket(cfn_sse({"SSEAlgorithm": "aws:kms"}))
}

test_cloudformation_kms_with_aws_managed_alias if {
	count(rule.deny) == 1 with input as cfn_bucket(cfn_sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/aws/s3"}))
	count(rule.deny) == 1 with input as cfn_bucket(cfn_sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3"}))
}

test_cloudformation_rule_without_default_only_sets_bucket_key if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0],
		"message": "encryption rule sets no ServerSideEncryptionByDefault, so objects get SSE-S3 rather than a customer-managed KMS key",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_bucket({"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"BucketKeyEnabled": true}]}})
}

test_cloudformation_customer_managed_key if {
	count(rule.deny) == 0 with input as cfn_bucket(cfn_sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn}))
	count(rule.deny) == 0 with input as cfn_bucket(cfn_sse({"SSEAlgorithm": "aws:kms:dsse", "KMSMasterKeyID": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}))
	count(rule.deny) == 0 with input as cfn_bucket(cfn_sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/orders-data"}))
}

test_cloudformation_unknown_values if {
	unknown := {"__unknown__": true, "expr": "Fn::If UseKms"}
	count(rule.deny) == 0 with input as cfn_bucket({"BucketEncryption": unknown})
	count(rule.deny) == 0 with input as cfn_bucket({"BucketEncryption": {"ServerSideEncryptionConfiguration": unknown}})
	count(rule.deny) == 0 with input as cfn_bucket({"BucketEncryption": {"ServerSideEncryptionConfiguration": [unknown]}})
	count(rule.deny) == 0 with input as cfn_bucket(cfn_sse(unknown))
	count(rule.deny) == 0 with input as cfn_bucket(cfn_sse({"SSEAlgorithm": unknown, "KMSMasterKeyID": key_arn}))
}

test_cloudformation_other_resources_ignored if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {}}}}
}

test_cloudformation_classic_elb_log_bucket_exempt if {
	elb := {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"AccessLoggingPolicy": {"Enabled": true, "S3BucketName": {"__unknown__": true, "expr": "Ref LogsBucket", "ref": "LogsBucket"}}}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Elb": elb, "LogsBucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Elb": elb, "LogsBucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}}}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Elb": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"AccessLoggingPolicy": {"S3BucketName": "elb-logs-123456789012"}}},
		"LogsBucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "elb-logs-123456789012"}},
	}}

	# Other buckets of the same template are still checked.
	count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Elb": elb, "LogsBucket": {"Type": "AWS::S3::Bucket"}, "DataBucket": {"Type": "AWS::S3::Bucket"}}}
}

cfn_logs_ref := {"__unknown__": true, "expr": "Ref LogsBucket", "ref": "LogsBucket"}

aes256 := {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}

elbv2(props) := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": props}

log_attributes(kind, target) := [
	{"Key": sprintf("%s.s3.enabled", [kind]), "Value": "true"},
	{"Key": sprintf("%s.s3.bucket", [kind]), "Value": target},
]

with_logs(lb, bucket_props) := {"tollgate": {"format": "cloudformation"}, "Resources": {
	"Alb": lb,
	"LogsBucket": {"Type": "AWS::S3::Bucket", "Properties": bucket_props},
}}

cfn_aes256_finding := {
	"resource": "LogsBucket",
	"path": ["Resources", "LogsBucket", "Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"],
	"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
	"remediation": rule.fix.cloudformation,
}

test_cloudformation_alb_log_buckets_exempt if {
	lbs := [lb |
		some kind in ["access_logs", "connection_logs"]
		some lb in [
			elbv2({"LoadBalancerAttributes": log_attributes(kind, cfn_logs_ref)}),
			elbv2({"Type": "application", "Scheme": "internal", "LoadBalancerAttributes": log_attributes(kind, cfn_logs_ref)}),
		]
	]
	count(lbs) == 4
	every lb in lbs {
		count(rule.deny) == 0 with input as with_logs(lb, aes256)
		count(rule.deny) == 0 with input as with_logs(lb, {})
		count(rule.deny) == 0 with input as with_logs(lb, {"BucketEncryption": {"ServerSideEncryptionConfiguration": [{"BucketKeyEnabled": false}]}})
	}
}

test_cloudformation_alb_log_bucket_by_literal_name if {
	lb := elbv2({"LoadBalancerAttributes": log_attributes("access_logs", "alb-logs-123456789012")})
	count(rule.deny) == 0 with input as with_logs(lb, object.union(aes256, {"BucketName": "alb-logs-123456789012"}))
	rule.deny == {cfn_aes256_finding} with input as with_logs(lb, object.union(aes256, {"BucketName": "other-logs-123456789012"}))
}

# Exempt from the KMS requirement, not from the AWS-managed-key finding: a
# log cfn_bucket with aws:kms is still reported.
test_cloudformation_alb_log_bucket_aws_managed_key_still_reported if {
	lb := elbv2({"LoadBalancerAttributes": log_attributes("access_logs", cfn_logs_ref)})
	count(rule.deny) == 1 with input as with_logs(lb, cfn_sse({"SSEAlgorithm": "aws:kms"}))
}

test_cloudformation_nlb_and_gwlb_log_buckets_not_exempt if {
	every type in ["network", "gateway"] {
		lb := elbv2({"Type": type, "LoadBalancerAttributes": log_attributes("access_logs", cfn_logs_ref)})
		rule.deny == {cfn_aes256_finding} with input as with_logs(lb, aes256)
	}
}

test_cloudformation_disabled_alb_logs_not_exempt if {
	every attributes in [
		[{"Key": "access_logs.s3.bucket", "Value": cfn_logs_ref}],
		[{"Key": "access_logs.s3.enabled", "Value": "false"}, {"Key": "access_logs.s3.bucket", "Value": cfn_logs_ref}],
		[{"Key": "access_logs.s3.enabled", "Value": false}, {"Key": "access_logs.s3.bucket", "Value": cfn_logs_ref}],
		# Enabled access logs do not make the connection-log cfn_bucket deliverable.
		[{"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "connection_logs.s3.bucket", "Value": cfn_logs_ref}],
	] {
		rule.deny == {cfn_aes256_finding} with input as with_logs(elbv2({"LoadBalancerAttributes": attributes}), aes256)
	}
}

test_cloudformation_alb_logs_enabled_by_parameter_exempt if {
	enabled := {"__unknown__": true, "expr": "Ref EnableAccessLogs", "ref": "EnableAccessLogs"}
	attributes := [{"Key": "access_logs.s3.enabled", "Value": enabled}, {"Key": "access_logs.s3.bucket", "Value": cfn_logs_ref}]
	count(rule.deny) == 0 with input as with_logs(elbv2({"LoadBalancerAttributes": attributes}), aes256)
}

test_cloudformation_alb_unresolved_log_bucket_not_exempt if {
	every target in [
		{"__unknown__": true, "expr": "Ref LogBucketName", "ref": "LogBucketName"},
		{"__unknown__": true, "expr": "Fn::ImportValue shared-logs-bucket"},
	] {
		lb := elbv2({"LoadBalancerAttributes": log_attributes("access_logs", target)})
		rule.deny == {cfn_aes256_finding} with input as with_logs(lb, aes256)
	}
}

test_cloudformation_alb_unknown_type_or_attributes_not_exempt if {
	type := {"__unknown__": true, "expr": "Ref LoadBalancerType", "ref": "LoadBalancerType"}
	rule.deny == {cfn_aes256_finding} with input as with_logs(elbv2({"Type": type, "LoadBalancerAttributes": log_attributes("access_logs", cfn_logs_ref)}), aes256)
	rule.deny == {cfn_aes256_finding} with input as with_logs(elbv2({"LoadBalancerAttributes": {"__unknown__": true, "expr": "Fn::If"}}), aes256)
}

# Terraform

unknown(expr, ref) := {"__unknown__": true, "expr": expr, "ref": ref}

tf_bucket(addr, name) := {"address": addr, "mode": "managed", "type": "aws_s3_bucket", "provider": "aws", "values": {"bucket": name}}

tf_sse(addr, target, by_default) := {
	"address": addr, "mode": "managed", "provider": "aws",
	"type": "aws_s3_bucket_server_side_encryption_configuration",
	"values": {"bucket": target, "rule": [{"apply_server_side_encryption_by_default": [by_default]}]},
}

kms_key := unknown("aws_kms_key.k.arn", "aws_kms_key.k")

test_terraform_bucket_without_configuration if {
	rule.deny == {{
		"resource": "aws_s3_bucket.logs",
		"path": ["resources", 0],
		"message": "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [tf_bucket("aws_s3_bucket.logs", "acme-logs")]}
}

test_terraform_configuration_with_customer_key if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", unknown("aws_s3_bucket.logs.id", "aws_s3_bucket.logs"), {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
}

test_terraform_join_by_name_and_dsse if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "aws:kms:dsse", "kms_master_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}),
	]}
}

test_terraform_for_each_instances_joined_one_by_one if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.b[\"a\"]", "acme-a"),
		tf_bucket("aws_s3_bucket.b[\"b\"]", "acme-b"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.a", unknown("aws_s3_bucket.b[\"a\"].id", "aws_s3_bucket.b[\"a\"]"), {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
	{f.resource | some f in got} == {"aws_s3_bucket.b[\"b\"]"}
}

test_terraform_plan_reference_without_instance_key if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", {"__unknown__": true, "expr": "bucket", "ref": "aws_s3_bucket.logs"}, {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
}

test_terraform_unresolved_bucket_may_be_any if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.x", {"__unknown__": true, "expr": "var.bucket"}, {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
}

test_terraform_aes256 if {
	rule.deny == {{
		"resource": "aws_s3_bucket_server_side_encryption_configuration.logs",
		"path": ["resources", 1, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"],
		"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "AES256"}),
	]}
}

test_terraform_aws_managed_keys if {
	every key in [null, "", "alias/aws/s3", "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3"] {
		rule.deny == {{
			"resource": "aws_s3_bucket_server_side_encryption_configuration.logs",
			"path": ["resources", 1, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id"],
			"message": "default encryption uses the AWS-managed key aws/s3 rather than a customer-managed KMS key",
			"remediation": rule.fix.terraform,
		}} with input as {"tollgate": {"format": "terraform"}, "resources": [
			tf_bucket("aws_s3_bucket.logs", "acme-logs"),
			tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "aws:kms", "kms_master_key_id": key}),
		]}
	}
}

test_terraform_aws_managed_key_through_data_source if {
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "aws:kms", "kms_master_key_id": unknown("data.aws_kms_alias.s3.target_key_arn", "data.aws_kms_alias.s3")}),
		{"address": "data.aws_kms_alias.s3", "mode": "data", "type": "aws_kms_alias", "values": {"name": "alias/aws/s3"}},
	]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "aws:kms", "kms_master_key_id": unknown("data.aws_kms_alias.s3.target_key_arn", "data.aws_kms_alias.s3")}),
		{"address": "data.aws_kms_alias.s3", "mode": "data", "type": "aws_kms_alias", "values": {"name": "alias/acme-data"}},
	]}
}

test_terraform_rule_without_default_block if {
	rule.deny == {{
		"resource": "aws_s3_bucket_server_side_encryption_configuration.logs",
		"path": ["resources", 1, "values", "rule", 0],
		"message": "encryption rule sets no apply_server_side_encryption_by_default, so objects get SSE-S3 rather than a customer-managed KMS key",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		{"address": "aws_s3_bucket_server_side_encryption_configuration.logs", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "values": {"bucket": "acme-logs", "rule": [{"bucket_key_enabled": true}]}},
	]}
}

legacy(by_default) := {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "values": {
	"bucket": "acme-logs",
	"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [by_default]}]}],
}}

test_terraform_legacy_inline_block if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [legacy({"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key})]}
	rule.deny == {{
		"resource": "aws_s3_bucket.logs",
		"path": ["resources", 0, "values", "server_side_encryption_configuration", 0, "rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"],
		"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [legacy({"sse_algorithm": "AES256"})]}
}

test_terraform_unknowns_are_set if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": {"__unknown__": true, "expr": "var.alg"}}),
	]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.logs", "acme-logs"),
		{"address": "aws_s3_bucket_server_side_encryption_configuration.logs", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "values": {"bucket": "acme-logs", "rule": [{"__unknown__": true, "expr": "dynamic rule"}]}},
	]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "values": {"server_side_encryption_configuration": {"__unknown__": true, "expr": "var.sse"}}}]}
}

test_terraform_unknown_count_bucket_matched_by_reference if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.b[*]", {"__unknown__": true, "expr": "var.name"}),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.b[*]", unknown("aws_s3_bucket.b[count.index].id", "aws_s3_bucket.b[*]"), {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
}

tf_logs_ref := unknown("aws_s3_bucket.logs.id", "aws_s3_bucket.logs")

lb(type, values) := {"address": sprintf("%s.web", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}

aes256_config(target) := tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", target, {"sse_algorithm": "AES256"})

tf_aes256_finding := {
	"resource": "aws_s3_bucket_server_side_encryption_configuration.logs",
	"path": ["resources", 2, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"],
	"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
	"remediation": rule.fix.terraform,
}

no_configuration_finding := {
	"resource": "aws_s3_bucket.logs",
	"path": ["resources", 1],
	"message": "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key",
	"remediation": rule.fix.terraform,
}

test_terraform_alb_log_buckets_exempt if {
	lbs := [l |
		some type in ["aws_lb", "aws_alb"]
		some kind in ["access_logs", "connection_logs"]
		some values in [
			{kind: [{"bucket": tf_logs_ref, "enabled": true}]},
			{"load_balancer_type": "application", kind: [{"bucket": tf_logs_ref, "enabled": "true", "prefix": "web"}]},
		]
		l := lb(type, values)
	]
	count(lbs) == 8
	every l in lbs {
		count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(tf_logs_ref)]}
		count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs")]}
		count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs"), {"address": "aws_s3_bucket_server_side_encryption_configuration.logs", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "values": {"bucket": "acme-logs", "rule": [{"bucket_key_enabled": false}]}}]}
		count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [l, legacy({"sse_algorithm": "AES256"})]}
	}
}

test_terraform_alb_log_bucket_by_literal_name if {
	l := lb("aws_lb", {"access_logs": [{"bucket": "acme-logs", "enabled": true}]})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config("acme-logs")]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(tf_logs_ref)]}

	# The tf_bucket is managed elsewhere; its configuration here names it literally.
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [l, aes256_config("acme-logs")]}
	rule.deny == {tf_aes256_finding} with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-other"), aes256_config(tf_logs_ref)]}
}

test_terraform_classic_elb_log_bucket_exempt if {
	every values in [
		{"access_logs": [{"bucket": tf_logs_ref}]},
		{"access_logs": [{"bucket": tf_logs_ref, "enabled": true, "interval": 60}]},
		{"access_logs": [{"bucket": tf_logs_ref, "enabled": null}]},
	] {
		count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [lb("aws_elb", values), tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(tf_logs_ref)]}
	}
	rule.deny == {tf_aes256_finding} with input as {"tollgate": {"format": "terraform"}, "resources": [lb("aws_elb", {"access_logs": [{"bucket": tf_logs_ref, "enabled": false}]}), tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(tf_logs_ref)]}
}

# Exempt from the KMS requirement, not from the AWS-managed-key finding.
test_terraform_alb_log_bucket_aws_managed_key_still_reported if {
	l := lb("aws_lb", {"access_logs": [{"bucket": tf_logs_ref, "enabled": true}]})
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs"), tf_sse("aws_s3_bucket_server_side_encryption_configuration.logs", tf_logs_ref, {"sse_algorithm": "aws:kms"})]}
}

test_terraform_nlb_and_gwlb_log_buckets_not_exempt if {
	every type in ["network", "gateway"] {
		l := lb("aws_lb", {"load_balancer_type": type, "access_logs": [{"bucket": tf_logs_ref, "enabled": true}]})
		rule.deny == {tf_aes256_finding} with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(tf_logs_ref)]}
		rule.deny == {no_configuration_finding} with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs")]}
	}
}

test_terraform_disabled_alb_logs_not_exempt if {
	every values in [
		{"access_logs": [{"bucket": tf_logs_ref}]},
		{"access_logs": [{"bucket": tf_logs_ref, "enabled": false}]},
		{"access_logs": [{"bucket": tf_logs_ref, "enabled": null}]},
		{"connection_logs": [{"bucket": tf_logs_ref, "enabled": "false"}]},
	] {
		rule.deny == {tf_aes256_finding} with input as {"tollgate": {"format": "terraform"}, "resources": [lb("aws_lb", values), tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(tf_logs_ref)]}
		rule.deny == {no_configuration_finding} with input as {"tollgate": {"format": "terraform"}, "resources": [lb("aws_lb", values), tf_bucket("aws_s3_bucket.logs", "acme-logs")]}
	}
}

test_terraform_alb_logs_enabled_by_variable_exempt if {
	l := lb("aws_lb", {"access_logs": [{"bucket": tf_logs_ref, "enabled": {"__unknown__": true, "expr": "var.access_logs_enabled"}}]})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(tf_logs_ref)]}
}

test_terraform_unresolved_log_bucket_not_exempt if {
	every target in [
		{"__unknown__": true, "expr": "var.log_bucket"},
		unknown("module.logs.s3_bucket_id", "module.logs"),
		unknown("aws_s3_bucket.other.id", "aws_s3_bucket.other"),
	] {
		l := lb("aws_lb", {"access_logs": [{"bucket": target, "enabled": true}]})
		rule.deny == {tf_aes256_finding} with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(tf_logs_ref)]}

		# The same unresolved value on both sides proves nothing either.
		rule.deny == {tf_aes256_finding} with input as {"tollgate": {"format": "terraform"}, "resources": [l, tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(target)]}
	}
}

test_terraform_unknown_load_balancer_type_or_block_not_exempt if {
	every values in [
		{"load_balancer_type": {"__unknown__": true, "expr": "var.lb_type"}, "access_logs": [{"bucket": tf_logs_ref, "enabled": true}]},
		{"access_logs": [{"__unknown__": true, "expr": "dynamic access_logs"}]},
	] {
		rule.deny == {tf_aes256_finding} with input as {"tollgate": {"format": "terraform"}, "resources": [lb("aws_lb", values), tf_bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(tf_logs_ref)]}
	}
}

# A configuration shared by a log tf_bucket and a data tf_bucket (for_each over
# both) keeps its finding.
test_terraform_configuration_of_log_and_data_buckets_not_exempt if {
	l := lb("aws_lb", {"access_logs": [{"bucket": unknown("aws_s3_bucket.b[\"logs\"].id", "aws_s3_bucket.b[\"logs\"]"), "enabled": true}]})
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		l,
		tf_bucket("aws_s3_bucket.b[\"logs\"]", "acme-logs"),
		tf_bucket("aws_s3_bucket.b[\"data\"]", "acme-data"),
		tf_sse("aws_s3_bucket_server_side_encryption_configuration.b", unknown("aws_s3_bucket.b", "aws_s3_bucket.b"), {"sse_algorithm": "AES256"}),
	]}
	{f.resource | some f in got} == {"aws_s3_bucket_server_side_encryption_configuration.b"}
}

test_unknown_configuration_is_undecided_when_asked if {
	u := {"__unknown__": true, "expr": "Ref KmsKeyParam", "ref": "KmsKeyParam"}
	doc := {"tollgate": {"format": "cloudformation"}, "Parameters": {"KmsKeyParam": {"Type": "String"}}, "Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": u}}}}
	count(rule.deny) == 0 with input as doc
	rule.deny == {{
		"resource": "B",
		"path": ["Resources", "B", "Properties", "BucketEncryption"],
		"undecided": {"field": "BucketEncryption", "value": "Ref KmsKeyParam", "reason": "a parameter without default"},
	}} with input as doc with data.tollgate.config.unknown as "block"
}
