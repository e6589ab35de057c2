package tollgate.lib.tf_encryption_test

import rego.v1

import data.tollgate.lib.tf_encryption as enc

u(expr, ref) := {"__unknown__": true, "expr": expr, "ref": ref}

bucket(addr) := {"address": addr, "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "acme"}}

test_names_by_reference if {
	enc.names(u("aws_s3_bucket.b.id", "aws_s3_bucket.b"), bucket("aws_s3_bucket.b"), "bucket")
	enc.names(u("aws_s3_bucket.b[\"x\"].id", "aws_s3_bucket.b[\"x\"]"), bucket("aws_s3_bucket.b[\"x\"]"), "bucket")
	not enc.names(u("aws_s3_bucket.b[\"y\"].id", "aws_s3_bucket.b[\"y\"]"), bucket("aws_s3_bucket.b[\"x\"]"), "bucket")
	not enc.names(u("aws_s3_bucket.bb.id", "aws_s3_bucket.bb"), bucket("aws_s3_bucket.b"), "bucket")
	enc.names(u("aws_s3_bucket.b[0].id", "aws_s3_bucket.b[0]"), bucket("aws_s3_bucket.b[*]"), "bucket")
	enc.names({"__unknown__": true, "expr": "x", "refs": ["aws_kms_key.k", "aws_s3_bucket.b"]}, bucket("aws_s3_bucket.b"), "bucket")
}

test_names_by_literal if {
	enc.names("acme", bucket("aws_s3_bucket.b"), "bucket")
	not enc.names("other", bucket("aws_s3_bucket.b"), "bucket")
	not enc.names("", {"address": "aws_s3_bucket.b", "values": {"bucket": ""}}, "bucket")
}

test_may_name_any if {
	doc := {"resources": [bucket("aws_s3_bucket.b")]}
	enc.may_name_any({"__unknown__": true, "expr": "var.bucket"}, "aws_s3_bucket") with input as doc
	enc.may_name_any(u("data.aws_s3_bucket.x.id", "data.aws_s3_bucket.x"), "aws_s3_bucket") with input as doc
	not enc.may_name_any(u("aws_s3_bucket.b.id", "aws_s3_bucket.b"), "aws_s3_bucket") with input as doc
	not enc.may_name_any("acme", "aws_s3_bucket") with input as doc
}

test_customer_key if {
	enc.customer_key(u("aws_kms_key.k.arn", "aws_kms_key.k"))
	enc.customer_key("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
	enc.customer_key("alias/acme")
	not enc.customer_key(null)
	not enc.customer_key("")
	not enc.customer_key("alias/aws/rds")
	not enc.customer_key("arn:aws:kms:eu-west-1:111122223333:alias/aws/rds")
}

test_aws_managed_key_data_sources if {
	doc := {"resources": [
		{"address": "data.aws_kms_alias.rds", "mode": "data", "type": "aws_kms_alias", "values": {"name": "alias/aws/rds"}},
		{"address": "data.aws_kms_key.sns", "mode": "data", "type": "aws_kms_key", "values": {"key_id": "alias/aws/sns"}},
		{"address": "data.aws_kms_key.mine", "mode": "data", "type": "aws_kms_key", "values": {"key_id": "alias/acme"}},
	]}
	enc.aws_managed_key(u("data.aws_kms_alias.rds.target_key_arn", "data.aws_kms_alias.rds")) with input as doc
	enc.aws_managed_key(u("data.aws_kms_key.sns.arn", "data.aws_kms_key.sns")) with input as doc
	not enc.aws_managed_key(u("data.aws_kms_key.mine.arn", "data.aws_kms_key.mine")) with input as doc
}

ebd(values, provider) := {"resources": [{"address": "aws_ebs_encryption_by_default.this", "mode": "managed", "type": "aws_ebs_encryption_by_default", "provider": provider, "values": values}]}

test_ebs_encrypted_by_default if {
	enc.ebs_encrypted_by_default("aws") with input as ebd({}, "aws")
	enc.ebs_encrypted_by_default("aws") with input as ebd({"enabled": true}, "aws")
	enc.ebs_encrypted_by_default("aws") with input as ebd({"enabled": {"__unknown__": true, "expr": "var.on"}}, "aws")
	not enc.ebs_encrypted_by_default("aws") with input as ebd({"enabled": false}, "aws")
	not enc.ebs_encrypted_by_default("aws") with input as ebd({}, "aws.west")
}

test_statements_shapes if {
	enc.statements(json.marshal({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "*"}})) == [{"effect": "Deny", "principals": [{"type": "*", "identifiers": ["*"]}], "actions": ["*"], "conditions": []}]
	enc.statements("not json") == []
	enc.statements({"__unknown__": true, "expr": "var.p"}) == [{"__unknown__": true, "expr": "var.p"}]
}

test_unknown_jsonencode_without if {
	enc.unknown_jsonencode_without(u("jsonencode({Statement = [{Effect = \"Allow\", Resource = aws_s3_bucket.b.arn}]})", "aws_s3_bucket.b"), ["aws:SecureTransport"])
	not enc.unknown_jsonencode_without(u("jsonencode({Statement = [{Effect = \"Allow\", Condition = {Bool = {\"aws:SecureTransport\" = false}}}]})", "aws_s3_bucket.b"), ["aws:SecureTransport"])
	not enc.unknown_jsonencode_without(u("jsonencode({Statement = local.statements})", ""), ["aws:SecureTransport"])
	not enc.unknown_jsonencode_without(u("data.aws_iam_policy_document.p.json", "data.aws_iam_policy_document.p"), ["aws:SecureTransport"])
}

# _variable_value reads a module variable through the call-by-address and
# variable-by-module indexes: the call's argument, else the variable's
# default in that module only, undefined for the root module.
test_variable_value_by_module if {
	doc := {
		"module_calls": [
			{"address": "module.a", "values": {"x": "from-a"}},
			{"address": "module.b", "values": {}},
		],
		"variables": [
			{"module": "module.a", "name": "x", "has_default": true, "default": "default-a"},
			{"module": "module.b", "name": "x", "has_default": true, "default": "default-b"},
			{"module": "module.b", "name": "y", "has_default": false},
			{"module": "", "name": "x", "has_default": true, "default": "root"},
		],
	}
	enc._variable_value("module.a", "x") == "from-a" with input as doc
	enc._variable_value("module.b", "x") == "default-b" with input as doc
	not enc._variable_value("module.b", "y") with input as doc
	not enc._variable_value("module.c", "x") with input as doc
	not enc._variable_value("", "x") with input as doc
}

test_policy_document_address if {
	doc := {"resources": [
		{"address": "data.aws_iam_policy_document.p", "mode": "data", "type": "aws_iam_policy_document"},
		{"address": "aws_iam_policy.q", "mode": "managed", "type": "aws_iam_policy"},
	]}
	enc._policy_document_address("data.aws_iam_policy_document.p") with input as doc
	not enc._policy_document_address("aws_iam_policy.q") with input as doc
}
