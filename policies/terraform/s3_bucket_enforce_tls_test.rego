package tollgate.terraform.s3_bucket_enforce_tls_test

import rego.v1

import data.tollgate.terraform.s3_bucket_enforce_tls as rule

unknown(expr, ref) := {"__unknown__": true, "expr": expr, "ref": ref}

bucket := {"address": "aws_s3_bucket.docs", "mode": "managed", "type": "aws_s3_bucket", "provider": "aws", "values": {"bucket": "acme-docs"}}

policy(p) := {"address": "aws_s3_bucket_policy.docs", "mode": "managed", "type": "aws_s3_bucket_policy", "provider": "aws", "values": {
	"bucket": unknown("aws_s3_bucket.docs.id", "aws_s3_bucket.docs"),
	"policy": p,
}}

tls_statement := {
	"Effect": "Deny", "Principal": "*", "Action": "s3:*",
	"Resource": ["arn:aws:s3:::acme-docs", "arn:aws:s3:::acme-docs/*"],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

doc(statements) := json.marshal({"Version": "2012-10-17", "Statement": statements})

policy_document(statement) := {"address": "data.aws_iam_policy_document.tls", "mode": "data", "type": "aws_iam_policy_document", "values": {"statement": [statement]}}

tls_block := {
	"effect": "Deny",
	"actions": ["s3:*"],
	"principals": [{"type": "*", "identifiers": ["*"]}],
	"condition": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}],
}

test_bucket_without_policy if {
	rule.deny == {{
		"resource": "aws_s3_bucket.docs",
		"path": ["resources", 0],
		"message": "bucket has no bucket policy denying requests that do not use TLS (aws:SecureTransport false)",
	}} with input as {"resources": [bucket]}
}

test_json_policy_enforcing_tls if {
	count(rule.deny) == 0 with input as {"resources": [bucket, policy(doc([tls_statement]))]}
	count(rule.deny) == 0 with input as {"resources": [bucket, policy(doc([object.union(tls_statement, {"Principal": {"AWS": ["*"]}, "Action": ["s3:GetObject", "*"]})]))]}
	count(rule.deny) == 0 with input as {"resources": [bucket, policy(doc([object.union(tls_statement, {"Condition": {"BoolIfExists": {"aws:securetransport": false}}})]))]}
}

test_json_policy_without_deny if {
	allow := object.union(tls_statement, {"Effect": "Allow", "Condition": {"Bool": {"aws:SecureTransport": "true"}}})
	rule.deny == {{
		"resource": "aws_s3_bucket_policy.docs",
		"path": ["resources", 1, "values", "policy"],
		"message": "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false",
	}} with input as {"resources": [bucket, policy(doc([allow]))]}
}

test_json_policy_narrow_deny if {
	count(rule.deny) == 1 with input as {"resources": [bucket, policy(doc([object.union(tls_statement, {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})]))]}
	count(rule.deny) == 1 with input as {"resources": [bucket, policy(doc([object.union(tls_statement, {"Action": "s3:PutObject"})]))]}
	count(rule.deny) == 1 with input as {"resources": [bucket, policy(doc([object.union(tls_statement, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})]))]}
}

test_policy_document_data_source if {
	ref := unknown("data.aws_iam_policy_document.tls.json", "data.aws_iam_policy_document.tls")
	count(rule.deny) == 0 with input as {"resources": [bucket, policy(ref), policy_document(tls_block)]}
	count(rule.deny) == 0 with input as {"resources": [bucket, policy(ref), policy_document(object.union(tls_block, {"principals": [{"type": "AWS", "identifiers": ["*"]}]}))]}
	count(rule.deny) == 1 with input as {"resources": [bucket, policy(ref), policy_document(object.union(tls_block, {"effect": "Allow"}))]}
	count(rule.deny) == 1 with input as {"resources": [bucket, policy(ref), policy_document(object.union(tls_block, {"principals": [{"type": "Service", "identifiers": ["*"]}]}))]}

	# effect defaults to Allow
	count(rule.deny) == 1 with input as {"resources": [bucket, policy(ref), policy_document(object.remove(tls_block, ["effect"]))]}
}

test_policy_document_source_documents if {
	ref := unknown("data.aws_iam_policy_document.tls.json", "data.aws_iam_policy_document.tls")
	d := {"address": "data.aws_iam_policy_document.tls", "mode": "data", "type": "aws_iam_policy_document", "values": {"source_policy_documents": [doc([tls_statement])]}}
	count(rule.deny) == 0 with input as {"resources": [bucket, policy(ref), d]}
}

test_unknown_policy_is_set if {
	count(rule.deny) == 0 with input as {"resources": [bucket, policy({"__unknown__": true, "expr": "var.policy"})]}
	count(rule.deny) == 0 with input as {"resources": [bucket, policy({"__unknown__": true, "expr": "jsonencode({Statement = local.statements})"})]}
}

test_jsonencode_over_resource_attributes_without_deny if {
	p := unknown("jsonencode({Statement = [{Effect = \"Allow\", Principal = \"*\", Action = \"s3:GetObject\", Resource = \"${aws_s3_bucket.docs.arn}/*\"}]})", "aws_s3_bucket.docs")
	count(rule.deny) == 1 with input as {"resources": [bucket, policy(p)]}
}

inline(p) := {"address": "aws_s3_bucket.docs", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "acme-docs", "policy": p}}

test_legacy_inline_policy if {
	count(rule.deny) == 0 with input as {"resources": [inline(doc([tls_statement]))]}
	rule.deny == {{
		"resource": "aws_s3_bucket.docs",
		"path": ["resources", 0, "values", "policy"],
		"message": "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false",
	}} with input as {"resources": [inline(doc([]))]}
}

test_policy_for_unresolved_bucket_may_be_any if {
	p := object.union(policy(doc([tls_statement])), {"values": {"bucket": {"__unknown__": true, "expr": "var.bucket"}}})
	count(rule.deny) == 0 with input as {"resources": [bucket, p]}
}

# jsonencode over the bucket's ARN is unknown text, but the scanner keeps
# the known structure in "json": the statements are read from it.
partial_policy(statement) := {
	"__unknown__": true,
	"expr": "jsonencode({...})",
	"ref": "aws_s3_bucket.b",
	"attribute": "arn",
	"json": {"Version": "2012-10-17", "Statement": [statement]},
}

test_partial_jsonencode_with_tls_deny_passes if {
	statement := {
		"Effect": "Deny", "Principal": "*", "Action": "s3:*",
		"Resource": [{"__unknown__": true, "expr": "aws_s3_bucket.b.arn", "ref": "aws_s3_bucket.b"}],
		"Condition": {"Bool": {"aws:SecureTransport": "false"}},
	}
	count(rule.deny) == 0 with input as {"resources": [bucket, policy(partial_policy(statement))]}
}

test_partial_jsonencode_without_tls_deny_fails if {
	statement := {
		"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:GetObject",
		"Resource": [{"__unknown__": true, "expr": "aws_s3_bucket.b.arn", "ref": "aws_s3_bucket.b"}],
	}
	count(rule.deny) == 1 with input as {"resources": [bucket, policy(partial_policy(statement))]}
}

# terraform-aws-modules/s3-bucket builds the policy document from
# compact([var.attach_x ? data.aws_iam_policy_document.x[0].json : "", ...,
# var.attach_policy ? var.policy : ""]), which collapses to one unknown
# naming the selected documents: they are read.
module_call(values) := {"address": "module.logs", "module": "", "name": "logs", "source": "../../", "resolved": true, "values": values}

module_vars := [
	{"address": "module.logs.var.attach_policy", "module": "module.logs", "name": "attach_policy", "has_default": true, "default": false},
	{"address": "module.logs.var.policy", "module": "module.logs", "name": "policy", "has_default": true, "default": null},
	{"address": "module.logs.var.attach_deny_insecure_transport_policy", "module": "module.logs", "name": "attach_deny_insecure_transport_policy", "has_default": true, "default": false},
	{"address": "module.logs.var.attach_inventory_destination_policy", "module": "module.logs", "name": "attach_inventory_destination_policy", "has_default": true, "default": false},
]

combined_expr := `compact([var.attach_deny_insecure_transport_policy ? data.aws_iam_policy_document.deny_insecure_transport[0].json : "", var.attach_inventory_destination_policy ? data.aws_iam_policy_document.inventory_destination[0].json : "", var.attach_policy ? var.policy : ""])`

module_bucket_policy := {"address": "module.logs.aws_s3_bucket_policy.this[0]", "module": "module.logs", "mode": "managed", "type": "aws_s3_bucket_policy", "provider": "aws", "values": {
	"bucket": {"__unknown__": true, "attribute": "id", "expr": "aws_s3_bucket.this[0].id", "ref": "module.logs.aws_s3_bucket.this[0]"},
	"policy": {"__unknown__": true, "attribute": "json", "expr": "local.policy", "ref": "module.logs.data.aws_iam_policy_document.combined[0]"},
}}

module_bucket := {"address": "module.logs.aws_s3_bucket.this[0]", "module": "module.logs", "mode": "managed", "type": "aws_s3_bucket", "provider": "aws", "values": {"bucket": "acme-logs"}}

combined(refs) := {"address": "module.logs.data.aws_iam_policy_document.combined[0]", "module": "module.logs", "mode": "data", "type": "aws_iam_policy_document", "values": {"source_policy_documents": object.union({"__unknown__": true, "expr": combined_expr}, refs)}}

module_document(name, statement) := {"address": sprintf("module.logs.data.aws_iam_policy_document.%s[0]", [name]), "module": "module.logs", "mode": "data", "type": "aws_iam_policy_document", "values": {"statement": [statement]}}

inventory_block := {
	"effect": "Allow",
	"actions": ["s3:PutObject"],
	"principals": [{"type": "Service", "identifiers": ["s3.amazonaws.com"]}],
}

module_input(refs, documents, values) := {
	"resources": array.concat([module_bucket, module_bucket_policy, combined(refs)], documents),
	"module_calls": [module_call(values)],
	"variables": module_vars,
}

test_module_combined_document_without_tls_deny if {
	rule.deny == {{
		"resource": "module.logs.aws_s3_bucket_policy.this[0]",
		"path": ["resources", 1, "values", "policy"],
		"message": "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false",
	}} with input as module_input(
		{"attribute": "json", "ref": "module.logs.data.aws_iam_policy_document.inventory_destination[0]"},
		[module_document("inventory_destination", inventory_block)],
		{"attach_inventory_destination_policy": true, "attach_policy": true},
	)
}

test_module_combined_document_with_tls_deny if {
	count(rule.deny) == 0 with input as module_input(
		{"refs": [
			"module.logs.data.aws_iam_policy_document.deny_insecure_transport[0]",
			"module.logs.data.aws_iam_policy_document.inventory_destination[0]",
		]},
		[module_document("inventory_destination", inventory_block), module_document("deny_insecure_transport", tls_block)],
		{"attach_inventory_destination_policy": true, "attach_deny_insecure_transport_policy": true},
	)
}

# A literal policy passed to the module is lost when compact() collapses:
# the documents it names are not all the policy holds.
test_module_combined_document_with_literal_policy_stays_unknown if {
	count(rule.deny) == 0 with input as module_input(
		{"attribute": "json", "ref": "module.logs.data.aws_iam_policy_document.inventory_destination[0]"},
		[module_document("inventory_destination", inventory_block)],
		{"attach_inventory_destination_policy": true, "attach_policy": true, "policy": doc([tls_statement])},
	)
}

# A caller's aws_iam_policy_document passed as the policy is among the
# references, so it is read too.
test_module_combined_document_with_caller_document if {
	caller := {"address": "data.aws_iam_policy_document.bucket", "module": "", "mode": "data", "type": "aws_iam_policy_document", "values": {"statement": [tls_block]}}
	count(rule.deny) == 0 with input as module_input(
		{"refs": ["data.aws_iam_policy_document.bucket", "module.logs.data.aws_iam_policy_document.inventory_destination[0]"]},
		[module_document("inventory_destination", inventory_block), caller],
		{"attach_inventory_destination_policy": true, "attach_policy": true, "policy": {"__unknown__": true, "attribute": "json", "expr": "data.aws_iam_policy_document.bucket.json", "ref": "data.aws_iam_policy_document.bucket"}},
	)
}

# A reference to something other than a policy document may carry any
# statement.
test_module_combined_document_with_other_reference_stays_unknown if {
	count(rule.deny) == 0 with input as module_input(
		{"refs": ["module.logs.data.aws_iam_policy_document.inventory_destination[0]", "module.other.aws_s3_bucket.x"]},
		[module_document("inventory_destination", inventory_block)],
		{"attach_inventory_destination_policy": true},
	)
}

# Directory buckets (S3 Express) authorise s3express:* actions and are
# out of scope, like aws_s3_directory_bucket itself.
test_directory_bucket_policy_is_out_of_scope if {
	directory := {"address": "aws_s3_directory_bucket.fast", "mode": "managed", "type": "aws_s3_directory_bucket", "provider": "aws", "values": {"bucket": "fast--use1-az4--x-s3"}}
	p := {"address": "aws_s3_bucket_policy.fast", "mode": "managed", "type": "aws_s3_bucket_policy", "provider": "aws", "values": {
		"bucket": {"__unknown__": true, "attribute": "bucket", "expr": "aws_s3_directory_bucket.fast.bucket", "ref": "aws_s3_directory_bucket.fast"},
		"policy": doc([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3express:CreateSession", "Resource": "*"}]),
	}}
	count(rule.deny) == 0 with input as {"resources": [directory, p]}
}

test_directory_bucket_policy_by_name_is_out_of_scope if {
	p := {"address": "aws_s3_bucket_policy.fast", "mode": "managed", "type": "aws_s3_bucket_policy", "provider": "aws", "values": {
		"bucket": "fast--use1-az4--x-s3",
		"policy": doc([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3express:CreateSession", "Resource": "*"}]),
	}}
	count(rule.deny) == 0 with input as {"resources": [p]}
}
