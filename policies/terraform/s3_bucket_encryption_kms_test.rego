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
	some key in [null, "", "alias/aws/s3", "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3"]
	rule.deny == {{
		"resource": "aws_s3_bucket_server_side_encryption_configuration.logs",
		"path": ["resources", 1, "values", "rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id"],
		"message": "default encryption uses the AWS-managed key aws/s3 rather than a customer-managed KMS key",
	}} with input as {"resources": [
		bucket("aws_s3_bucket.logs", "acme-logs"),
		sse("aws_s3_bucket_server_side_encryption_configuration.logs", "acme-logs", {"sse_algorithm": "aws:kms", "kms_master_key_id": key}),
	]}
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
