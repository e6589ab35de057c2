package tollgate.terraform.s3_bucket_encryption_kms_test

import rego.v1

import data.tollgate.terraform.s3_bucket_encryption_kms as rule

unknown(expr, ref) := {"__unknown__": true, "expr": expr, "ref": ref}

bucket(addr, name) := {"address": addr, "mode": "managed", "type": "aws_s3_bucket", "provider": "aws", "values": {"bucket": name}}

sse(addr, target, by_default) := {
	"address": addr, "mode": "managed", "provider": "aws",
	"type": "aws_s3_bucket_server_side_encryption_configuration",
	"values": {"bucket": target, "rule": [{"apply_server_side_encryption_by_default": [by_default]}]},
}

kms_key := unknown("aws_kms_key.k.arn", "aws_kms_key.k")

test_bucket_without_configuration if {
	rule.deny == {{
		"resource": "aws_s3_bucket.logs",
		"path": ["resources", 0],
		"message": "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key",
	}} with input as {"resources": [bucket("aws_s3_bucket.logs", "acme-logs")]}
}

test_configuration_with_customer_key if {
	count(rule.deny) == 0 with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		sse("aws_s3_bucket_server_side_encryption_configuration.logs", unknown("aws_s3_bucket.logs.id", "aws_s3_bucket.logs"), {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
}

test_join_by_name_and_dsse if {
	count(rule.deny) == 0 with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "aws:kms:dsse", "kms_master_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}),
	]}
}

test_for_each_instances_joined_one_by_one if {
	got := rule.deny with input as {"resources": [
		bucket("aws_s3_bucket.b[\"a\"]", "acme-a"),
		bucket("aws_s3_bucket.b[\"b\"]", "acme-b"),
		sse("aws_s3_bucket_server_side_encryption_configuration.a", unknown("aws_s3_bucket.b[\"a\"].id", "aws_s3_bucket.b[\"a\"]"), {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
	{f.resource | some f in got} == {"aws_s3_bucket.b[\"b\"]"}
}

test_plan_reference_without_instance_key if {
	count(rule.deny) == 0 with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		sse("aws_s3_bucket_server_side_encryption_configuration.logs", {"__unknown__": true, "expr": "bucket", "ref": "aws_s3_bucket.logs"}, {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
}

test_unresolved_bucket_may_be_any if {
	count(rule.deny) == 0 with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		sse("aws_s3_bucket_server_side_encryption_configuration.x", {"__unknown__": true, "expr": "var.bucket"}, {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
}

test_aes256 if {
	rule.deny == {{
		"resource": "aws_s3_bucket_server_side_encryption_configuration.logs",
		"path": ["resources", 1, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"],
		"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
	}} with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "AES256"}),
	]}
}

test_aws_managed_keys if {
	every key in [null, "", "alias/aws/s3", "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3"] {
		rule.deny == {{
			"resource": "aws_s3_bucket_server_side_encryption_configuration.logs",
			"path": ["resources", 1, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id"],
			"message": "default encryption uses the AWS-managed key aws/s3 rather than a customer-managed KMS key",
		}} with input as {"resources": [
			bucket("aws_s3_bucket.logs", "acme-logs"),
			sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "aws:kms", "kms_master_key_id": key}),
		]}
	}
}

test_aws_managed_key_through_data_source if {
	count(rule.deny) == 1 with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "aws:kms", "kms_master_key_id": unknown("data.aws_kms_alias.s3.target_key_arn", "data.aws_kms_alias.s3")}),
		{"address": "data.aws_kms_alias.s3", "mode": "data", "type": "aws_kms_alias", "values": {"name": "alias/aws/s3"}},
	]}
	count(rule.deny) == 0 with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "aws:kms", "kms_master_key_id": unknown("data.aws_kms_alias.s3.target_key_arn", "data.aws_kms_alias.s3")}),
		{"address": "data.aws_kms_alias.s3", "mode": "data", "type": "aws_kms_alias", "values": {"name": "alias/acme-data"}},
	]}
}

test_rule_without_default_block if {
	rule.deny == {{
		"resource": "aws_s3_bucket_server_side_encryption_configuration.logs",
		"path": ["resources", 1, "values", "rule", 0],
		"message": "encryption rule sets no apply_server_side_encryption_by_default, so objects get SSE-S3 rather than a customer-managed KMS key",
	}} with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		{"address": "aws_s3_bucket_server_side_encryption_configuration.logs", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "values": {"bucket": "acme-logs", "rule": [{"bucket_key_enabled": true}]}},
	]}
}

legacy(by_default) := {"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "values": {
	"bucket": "acme-logs",
	"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [by_default]}]}],
}}

test_legacy_inline_block if {
	count(rule.deny) == 0 with input as {"resources": [legacy({"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key})]}
	rule.deny == {{
		"resource": "aws_s3_bucket.logs",
		"path": ["resources", 0, "values", "server_side_encryption_configuration", 0, "rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"],
		"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
	}} with input as {"resources": [legacy({"sse_algorithm": "AES256"})]}
}

test_unknowns_are_set if {
	count(rule.deny) == 0 with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": {"__unknown__": true, "expr": "var.alg"}}),
	]}
	count(rule.deny) == 0 with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		{"address": "aws_s3_bucket_server_side_encryption_configuration.logs", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "values": {"bucket": "acme-logs", "rule": [{"__unknown__": true, "expr": "dynamic rule"}]}},
	]}
	count(rule.deny) == 0 with input as {"resources": [{"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "values": {"server_side_encryption_configuration": {"__unknown__": true, "expr": "var.sse"}}}]}
}

test_unknown_count_bucket_matched_by_reference if {
	count(rule.deny) == 0 with input as {"resources": [
		bucket("aws_s3_bucket.b[*]", {"__unknown__": true, "expr": "var.name"}),
		sse("aws_s3_bucket_server_side_encryption_configuration.b[*]", unknown("aws_s3_bucket.b[count.index].id", "aws_s3_bucket.b[*]"), {"sse_algorithm": "aws:kms", "kms_master_key_id": kms_key}),
	]}
}

logs_ref := unknown("aws_s3_bucket.logs.id", "aws_s3_bucket.logs")

lb(type, values) := {"address": sprintf("%s.web", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}

aes256_config(target) := sse("aws_s3_bucket_server_side_encryption_configuration.logs", target, {"sse_algorithm": "AES256"})

aes256_finding := {
	"resource": "aws_s3_bucket_server_side_encryption_configuration.logs",
	"path": ["resources", 2, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"],
	"message": "default encryption uses AES256, not SSE-KMS with a customer-managed key",
}

no_configuration_finding := {
	"resource": "aws_s3_bucket.logs",
	"path": ["resources", 1],
	"message": "bucket has no default encryption configuration, so objects get SSE-S3 rather than a customer-managed KMS key",
}

test_alb_log_buckets_exempt if {
	lbs := [l |
		some type in ["aws_lb", "aws_alb"]
		some kind in ["access_logs", "connection_logs"]
		some values in [
			{kind: [{"bucket": logs_ref, "enabled": true}]},
			{"load_balancer_type": "application", kind: [{"bucket": logs_ref, "enabled": "true", "prefix": "web"}]},
		]
		l := lb(type, values)
	]
	count(lbs) == 8
	every l in lbs {
		count(rule.deny) == 0 with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(logs_ref)]}
		count(rule.deny) == 0 with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs")]}
		count(rule.deny) == 0 with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs"), {"address": "aws_s3_bucket_server_side_encryption_configuration.logs", "mode": "managed", "type": "aws_s3_bucket_server_side_encryption_configuration", "values": {"bucket": "acme-logs", "rule": [{"bucket_key_enabled": false}]}}]}
		count(rule.deny) == 0 with input as {"resources": [l, legacy({"sse_algorithm": "AES256"})]}
	}
}

test_alb_log_bucket_by_literal_name if {
	l := lb("aws_lb", {"access_logs": [{"bucket": "acme-logs", "enabled": true}]})
	count(rule.deny) == 0 with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config("acme-logs")]}
	count(rule.deny) == 0 with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(logs_ref)]}

	# The bucket is managed elsewhere; its configuration here names it literally.
	count(rule.deny) == 0 with input as {"resources": [l, aes256_config("acme-logs")]}
	rule.deny == {aes256_finding} with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-other"), aes256_config(logs_ref)]}
}

test_classic_elb_log_bucket_exempt if {
	every values in [
		{"access_logs": [{"bucket": logs_ref}]},
		{"access_logs": [{"bucket": logs_ref, "enabled": true, "interval": 60}]},
		{"access_logs": [{"bucket": logs_ref, "enabled": null}]},
	] {
		count(rule.deny) == 0 with input as {"resources": [lb("aws_elb", values), bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(logs_ref)]}
	}
	rule.deny == {aes256_finding} with input as {"resources": [lb("aws_elb", {"access_logs": [{"bucket": logs_ref, "enabled": false}]}), bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(logs_ref)]}
}

# Exempt from the KMS requirement, not from the AWS-managed-key finding.
test_alb_log_bucket_aws_managed_key_still_reported if {
	l := lb("aws_lb", {"access_logs": [{"bucket": logs_ref, "enabled": true}]})
	count(rule.deny) == 1 with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs"), sse("aws_s3_bucket_server_side_encryption_configuration.logs", logs_ref, {"sse_algorithm": "aws:kms"})]}
}

test_nlb_and_gwlb_log_buckets_not_exempt if {
	every type in ["network", "gateway"] {
		l := lb("aws_lb", {"load_balancer_type": type, "access_logs": [{"bucket": logs_ref, "enabled": true}]})
		rule.deny == {aes256_finding} with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(logs_ref)]}
		rule.deny == {no_configuration_finding} with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs")]}
	}
}

test_disabled_alb_logs_not_exempt if {
	every values in [
		{"access_logs": [{"bucket": logs_ref}]},
		{"access_logs": [{"bucket": logs_ref, "enabled": false}]},
		{"access_logs": [{"bucket": logs_ref, "enabled": null}]},
		{"connection_logs": [{"bucket": logs_ref, "enabled": "false"}]},
	] {
		rule.deny == {aes256_finding} with input as {"resources": [lb("aws_lb", values), bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(logs_ref)]}
		rule.deny == {no_configuration_finding} with input as {"resources": [lb("aws_lb", values), bucket("aws_s3_bucket.logs", "acme-logs")]}
	}
}

test_alb_logs_enabled_by_variable_exempt if {
	l := lb("aws_lb", {"access_logs": [{"bucket": logs_ref, "enabled": {"__unknown__": true, "expr": "var.access_logs_enabled"}}]})
	count(rule.deny) == 0 with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(logs_ref)]}
}

test_unresolved_log_bucket_not_exempt if {
	every target in [
		{"__unknown__": true, "expr": "var.log_bucket"},
		unknown("module.logs.s3_bucket_id", "module.logs"),
		unknown("aws_s3_bucket.other.id", "aws_s3_bucket.other"),
	] {
		l := lb("aws_lb", {"access_logs": [{"bucket": target, "enabled": true}]})
		rule.deny == {aes256_finding} with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(logs_ref)]}

		# The same unresolved value on both sides proves nothing either.
		rule.deny == {aes256_finding} with input as {"resources": [l, bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(target)]}
	}
}

test_unknown_load_balancer_type_or_block_not_exempt if {
	every values in [
		{"load_balancer_type": {"__unknown__": true, "expr": "var.lb_type"}, "access_logs": [{"bucket": logs_ref, "enabled": true}]},
		{"access_logs": [{"__unknown__": true, "expr": "dynamic access_logs"}]},
	] {
		rule.deny == {aes256_finding} with input as {"resources": [lb("aws_lb", values), bucket("aws_s3_bucket.logs", "acme-logs"), aes256_config(logs_ref)]}
	}
}

# A configuration shared by a log bucket and a data bucket (for_each over
# both) keeps its finding.
test_configuration_of_log_and_data_buckets_not_exempt if {
	l := lb("aws_lb", {"access_logs": [{"bucket": unknown("aws_s3_bucket.b[\"logs\"].id", "aws_s3_bucket.b[\"logs\"]"), "enabled": true}]})
	got := rule.deny with input as {"resources": [
		l,
		bucket("aws_s3_bucket.b[\"logs\"]", "acme-logs"),
		bucket("aws_s3_bucket.b[\"data\"]", "acme-data"),
		sse("aws_s3_bucket_server_side_encryption_configuration.b", unknown("aws_s3_bucket.b", "aws_s3_bucket.b"), {"sse_algorithm": "AES256"}),
	]}
	{f.resource | some f in got} == {"aws_s3_bucket_server_side_encryption_configuration.b"}
}
