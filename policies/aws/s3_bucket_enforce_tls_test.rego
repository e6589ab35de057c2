package tollgate.aws.s3_bucket_enforce_tls_test

import rego.v1

import data.tollgate.aws.s3_bucket_enforce_tls as rule

# CloudFormation (and CDK)

ref(name) := {"__unknown__": true, "expr": sprintf("Ref %s", [name]), "ref": name}

deny_http := {
	"Sid": "DenyInsecureTransport",
	"Effect": "Deny",
	"Principal": "*",
	"Action": "s3:*",
	"Resource": [{"__unknown__": true, "expr": "Fn::GetAtt Data.Arn", "ref": "Data", "attribute": "Arn"}],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

template(bucket_props, statements) := {"tollgate": {"format": "cloudformation"}, "Resources": {
	"Data": {"Type": "AWS::S3::Bucket", "Properties": bucket_props},
	"DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
		"Bucket": ref("Data"),
		"PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
	}},
}}

test_cloudformation_bucket_without_policy if {
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data"],
		"message": "bucket has no bucket policy denying requests that do not use TLS (aws:SecureTransport false)",
		"remediation": rule.fix.cloudformation,
	}} with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Data": {"Type": "AWS::S3::Bucket"}}}
}

test_cloudformation_policy_without_deny if {
	allow_read := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "*"}
	rule.deny == {{
		"resource": "DataPolicy",
		"path": ["Resources", "DataPolicy", "Properties", "PolicyDocument"],
		"message": "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false",
		"remediation": rule.fix.cloudformation,
	}} with input as template({}, [allow_read])
}

# An Allow limited to TLS does not stop identity policies from granting HTTP access.
test_cloudformation_allow_on_secure_transport_is_not_enough if {
	allow_tls := object.union(deny_http, {"Effect": "Allow", "Condition": {"Bool": {"aws:SecureTransport": "true"}}})
	count(rule.deny) == 1 with input as template({}, [allow_tls])
}

test_cloudformation_deny_variants if {
	count(rule.deny) == 0 with input as template({}, [deny_http])
	count(rule.deny) == 0 with input as template({}, deny_http)
	count(rule.deny) == 0 with input as template({}, [object.union(deny_http, {"Principal": {"AWS": "*"}, "Action": ["*"]})])
	count(rule.deny) == 0 with input as template({}, [object.union(deny_http, {"Principal": {"AWS": ["*"]}, "Action": ["s3:*"]})])
	if_exists := object.union(object.remove(deny_http, ["Condition"]), {"Condition": {"BoolIfExists": {"aws:securetransport": false}}})
	count(rule.deny) == 0 with input as template({}, [if_exists])
	count(rule.deny) == 0 with input as template({}, [object.union(deny_http, {"Condition": {"Bool": {"aws:SecureTransport": ["false"]}}})])
}

test_cloudformation_deny_too_narrow if {
	count(rule.deny) == 1 with input as template({}, [object.union(deny_http, {"Action": "s3:GetObject"})])
	count(rule.deny) == 1 with input as template({}, [object.union(deny_http, {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})])
	count(rule.deny) == 1 with input as template({}, [object.union(deny_http, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})])
	string_equals := object.union(object.remove(deny_http, ["Condition"]), {"Condition": {"StringEquals": {"aws:SecureTransport": "false"}}})
	count(rule.deny) == 1 with input as template({}, [string_equals])
	count(rule.deny) == 1 with input as template({}, [object.remove(deny_http, ["Condition"])])
}

test_cloudformation_policy_as_json_string if {
	doc := json.marshal({"Version": "2012-10-17", "Statement": [deny_http]})
	inp := {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Data": {"Type": "AWS::S3::Bucket"},
		"DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": ref("Data"), "PolicyDocument": doc}},
	}}
	count(rule.deny) == 0 with input as inp
}

test_cloudformation_policy_for_literal_bucket_name if {
	inp := {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders-data"}},
		"DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "orders-data", "PolicyDocument": {"Statement": [deny_http]}}},
	}}
	count(rule.deny) == 0 with input as inp
}

test_cloudformation_policy_for_other_bucket if {
	inp := {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders-data"}},
		"Logs": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders-logs"}},
		"LogsPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": ref("Logs"), "PolicyDocument": {"Statement": [deny_http]}}},
		"Other": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "someone-elses-bucket", "PolicyDocument": {"Statement": [deny_http]}}},
	}}
	rule.deny == {{
		"resource": "Data",
		"path": ["Resources", "Data"],
		"message": "bucket has no bucket policy denying requests that do not use TLS (aws:SecureTransport false)",
		"remediation": rule.fix.cloudformation,
	}} with input as inp
}

test_cloudformation_unknowns if {
	u := {"__unknown__": true, "expr": "Fn::If Strict"}
	count(rule.deny) == 0 with input as template({}, u)
	count(rule.deny) == 0 with input as template({}, [u])
	count(rule.deny) == 0 with input as template({}, [object.union(deny_http, {"Condition": {"Bool": {"aws:SecureTransport": u}}})])

	# A Bucket from a parameter may be any bucket.
	inp := {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "orders-data"}},
		"DataPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": ref("BucketNameParam"), "PolicyDocument": {"Statement": [deny_http]}}},
	}}
	count(rule.deny) == 0 with input as inp
}

# Terraform

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

test_terraform_bucket_without_policy if {
	rule.deny == {{
		"resource": "aws_s3_bucket.docs",
		"path": ["resources", 0],
		"message": "bucket has no bucket policy denying requests that do not use TLS (aws:SecureTransport false)",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [bucket]}
}

test_terraform_json_policy_enforcing_tls if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(doc([tls_statement]))]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(doc([object.union(tls_statement, {"Principal": {"AWS": ["*"]}, "Action": ["s3:GetObject", "*"]})]))]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(doc([object.union(tls_statement, {"Condition": {"BoolIfExists": {"aws:securetransport": false}}})]))]}
}

test_terraform_json_policy_without_deny if {
	allow := object.union(tls_statement, {"Effect": "Allow", "Condition": {"Bool": {"aws:SecureTransport": "true"}}})
	rule.deny == {{
		"resource": "aws_s3_bucket_policy.docs",
		"path": ["resources", 1, "values", "policy"],
		"message": "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(doc([allow]))]}
}

test_terraform_json_policy_narrow_deny if {
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(doc([object.union(tls_statement, {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})]))]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(doc([object.union(tls_statement, {"Action": "s3:PutObject"})]))]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(doc([object.union(tls_statement, {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})]))]}
}

test_terraform_policy_document_data_source if {
	ref := unknown("data.aws_iam_policy_document.tls.json", "data.aws_iam_policy_document.tls")
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(ref), policy_document(tls_block)]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(ref), policy_document(object.union(tls_block, {"principals": [{"type": "AWS", "identifiers": ["*"]}]}))]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(ref), policy_document(object.union(tls_block, {"effect": "Allow"}))]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(ref), policy_document(object.union(tls_block, {"principals": [{"type": "Service", "identifiers": ["*"]}]}))]}

	# effect defaults to Allow
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(ref), policy_document(object.remove(tls_block, ["effect"]))]}
}

test_terraform_policy_document_source_documents if {
	ref := unknown("data.aws_iam_policy_document.tls.json", "data.aws_iam_policy_document.tls")
	d := {"address": "data.aws_iam_policy_document.tls", "mode": "data", "type": "aws_iam_policy_document", "values": {"source_policy_documents": [doc([tls_statement])]}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(ref), d]}
}

test_terraform_unknown_policy_is_set if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy({"__unknown__": true, "expr": "var.policy"})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy({"__unknown__": true, "expr": "jsonencode({Statement = local.statements})"})]}
}

test_terraform_jsonencode_over_resource_attributes_without_deny if {
	p := unknown("jsonencode({Statement = [{Effect = \"Allow\", Principal = \"*\", Action = \"s3:GetObject\", Resource = \"${aws_s3_bucket.docs.arn}/*\"}]})", "aws_s3_bucket.docs")
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(p)]}
}

inline(p) := {"address": "aws_s3_bucket.docs", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "acme-docs", "policy": p}}

test_terraform_legacy_inline_policy if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [inline(doc([tls_statement]))]}
	rule.deny == {{
		"resource": "aws_s3_bucket.docs",
		"path": ["resources", 0, "values", "policy"],
		"message": "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false",
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [inline(doc([]))]}
}

test_terraform_policy_for_unresolved_bucket_may_be_any if {
	p := object.union(policy(doc([tls_statement])), {"values": {"bucket": {"__unknown__": true, "expr": "var.bucket"}}})
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, p]}
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

test_terraform_partial_jsonencode_with_tls_deny_passes if {
	statement := {
		"Effect": "Deny", "Principal": "*", "Action": "s3:*",
		"Resource": [{"__unknown__": true, "expr": "aws_s3_bucket.b.arn", "ref": "aws_s3_bucket.b"}],
		"Condition": {"Bool": {"aws:SecureTransport": "false"}},
	}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(partial_policy(statement))]}
}

test_terraform_partial_jsonencode_without_tls_deny_fails if {
	statement := {
		"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:GetObject",
		"Resource": [{"__unknown__": true, "expr": "aws_s3_bucket.b.arn", "ref": "aws_s3_bucket.b"}],
	}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [bucket, policy(partial_policy(statement))]}
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
	"tollgate": {"format": "terraform"},
	"resources": array.concat([module_bucket, module_bucket_policy, combined(refs)], documents),
	"module_calls": [module_call(values)],
	"variables": module_vars,
}

test_terraform_module_combined_document_without_tls_deny if {
	rule.deny == {{
		"resource": "module.logs.aws_s3_bucket_policy.this[0]",
		"path": ["resources", 1, "values", "policy"],
		"message": "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false",
		"remediation": rule.fix.terraform,
	}} with input as module_input(
		{"attribute": "json", "ref": "module.logs.data.aws_iam_policy_document.inventory_destination[0]"},
		[module_document("inventory_destination", inventory_block)],
		{"attach_inventory_destination_policy": true, "attach_policy": true},
	)
}

test_terraform_module_combined_document_with_tls_deny if {
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
test_terraform_module_combined_document_with_literal_policy_stays_unknown if {
	count(rule.deny) == 0 with input as module_input(
		{"attribute": "json", "ref": "module.logs.data.aws_iam_policy_document.inventory_destination[0]"},
		[module_document("inventory_destination", inventory_block)],
		{"attach_inventory_destination_policy": true, "attach_policy": true, "policy": doc([tls_statement])},
	)
}

# A caller's aws_iam_policy_document passed as the policy is among the
# references, so it is read too.
test_terraform_module_combined_document_with_caller_document if {
	caller := {"address": "data.aws_iam_policy_document.bucket", "module": "", "mode": "data", "type": "aws_iam_policy_document", "values": {"statement": [tls_block]}}
	count(rule.deny) == 0 with input as module_input(
		{"refs": ["data.aws_iam_policy_document.bucket", "module.logs.data.aws_iam_policy_document.inventory_destination[0]"]},
		[module_document("inventory_destination", inventory_block), caller],
		{"attach_inventory_destination_policy": true, "attach_policy": true, "policy": {"__unknown__": true, "attribute": "json", "expr": "data.aws_iam_policy_document.bucket.json", "ref": "data.aws_iam_policy_document.bucket"}},
	)
}

# A reference to something other than a policy document may carry any
# statement.
test_terraform_module_combined_document_with_other_reference_stays_unknown if {
	count(rule.deny) == 0 with input as module_input(
		{"refs": ["module.logs.data.aws_iam_policy_document.inventory_destination[0]", "module.other.aws_s3_bucket.x"]},
		[module_document("inventory_destination", inventory_block)],
		{"attach_inventory_destination_policy": true},
	)
}

# Directory buckets (S3 Express) authorise s3express:* actions and are
# out of scope, like aws_s3_directory_bucket itself.
test_terraform_directory_bucket_policy_is_out_of_scope if {
	directory := {"address": "aws_s3_directory_bucket.fast", "mode": "managed", "type": "aws_s3_directory_bucket", "provider": "aws", "values": {"bucket": "fast--use1-az4--x-s3"}}
	p := {"address": "aws_s3_bucket_policy.fast", "mode": "managed", "type": "aws_s3_bucket_policy", "provider": "aws", "values": {
		"bucket": {"__unknown__": true, "attribute": "bucket", "expr": "aws_s3_directory_bucket.fast.bucket", "ref": "aws_s3_directory_bucket.fast"},
		"policy": doc([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3express:CreateSession", "Resource": "*"}]),
	}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [directory, p]}
}

test_terraform_directory_bucket_policy_by_name_is_out_of_scope if {
	p := {"address": "aws_s3_bucket_policy.fast", "mode": "managed", "type": "aws_s3_bucket_policy", "provider": "aws", "values": {
		"bucket": "fast--use1-az4--x-s3",
		"policy": doc([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3express:CreateSession", "Resource": "*"}]),
	}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [p]}
}
