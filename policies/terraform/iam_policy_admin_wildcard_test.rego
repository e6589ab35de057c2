package tollgate.terraform.iam_policy_admin_wildcard_test

import rego.v1

import data.tollgate.terraform.iam_policy_admin_wildcard as rule

statement_message := `policy statement allows every action ("*") on every resource ("*"): full administrator access`

attached_message := "the AWS managed AdministratorAccess policy is attached: full administrator access"

admin_json := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

res(address, values) := {
	"address": address,
	"mode": "managed",
	"type": split(address, ".")[0],
	"values": values,
}

data_source(address, values) := {
	"address": address,
	"mode": "data",
	"type": split(address, ".")[1],
	"values": values,
}

json_ref(address) := {"__unknown__": true, "expr": concat("", [address, ".json"]), "ref": address, "attribute": "json"}

test_json_string_policy if {
	rule.deny == {{
		"resource": "aws_iam_policy.admin",
		"path": ["resources", 0, "values", "policy"],
		"message": statement_message,
	}} with input as {"resources": [res("aws_iam_policy.admin", {"policy": admin_json})]}
}

test_every_policy_type if {
	every type in ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"] {
		count(rule.deny) == 1 with input as {"resources": [res(concat(".", [type, "p"]), {"policy": admin_json})]}
	}
}

test_inline_policy_block if {
	got := rule.deny with input as {"resources": [res("aws_iam_role.ci", {"inline_policy": [
		{"name": "ok", "policy": `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`},
		{"name": "all", "policy": admin_json},
	]})]}
	{f.path | some f in got} == {["resources", 0, "values", "inline_policy", 1, "policy"]}
}

test_partial_jsonencode if {
	policy := {"__unknown__": true, "expr": "jsonencode({...})", "json": {"Statement": [
		{"Effect": "Allow", "Action": "s3:PutObject", "Resource": {"__unknown__": true, "ref": "aws_s3_bucket.b", "attribute": "arn"}},
		{"Effect": "Allow", "Action": ["*:*"], "Resource": ["*"]},
	]}}
	count(rule.deny) == 1 with input as {"resources": [res("aws_iam_user_policy.u", {"policy": policy})]}
	narrow := {"__unknown__": true, "expr": "jsonencode({...})", "json": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": {"__unknown__": true, "ref": "aws_s3_bucket.b", "attribute": "arn"}}]}}
	count(rule.deny) == 0 with input as {"resources": [res("aws_iam_user_policy.u", {"policy": narrow})]}
}

test_policy_document_data_source if {
	got := rule.deny with input as {"resources": [
		data_source("data.aws_iam_policy_document.ops", {"statement": [
			{"actions": ["logs:GetLogEvents"], "resources": ["*"]},
			{"effect": null, "actions": ["*"], "resources": ["*"]},
		]}),
		res("aws_iam_policy.ops", {"policy": json_ref("data.aws_iam_policy_document.ops")}),
	]}
	got == {{
		"resource": "aws_iam_policy.ops",
		"path": ["resources", 1, "values", "policy"],
		"message": statement_message,
		"related": [{"path": ["resources", 0, "values", "statement", 1], "message": "statement allowing every action on every resource"}],
	}}
}

test_policy_document_deny_and_narrow if {
	count(rule.deny) == 0 with input as {"resources": [
		data_source("data.aws_iam_policy_document.ops", {"statement": [
			{"effect": "Deny", "actions": ["*"], "resources": ["*"]},
			{"actions": ["*"], "resources": ["arn:aws:s3:::b/*"]},
			{"not_actions": ["iam:*"], "resources": ["*"]},
		]}),
		res("aws_iam_policy.ops", {"policy": json_ref("data.aws_iam_policy_document.ops")}),
	]}
}

test_source_and_override_documents if {
	base := `{"Statement":[{"Sid":"Audit","Effect":"Allow","Action":"*","Resource":"*"}]}`

	# the source document's admin statement is kept without a same-sid replacement
	count(rule.deny) == 1 with input as {"resources": [
		data_source("data.aws_iam_policy_document.a", {"source_policy_documents": [base], "statement": [{"sid": "Other", "actions": ["s3:GetObject"], "resources": ["*"]}]}),
		res("aws_iam_policy.a", {"policy": json_ref("data.aws_iam_policy_document.a")}),
	]}

	# replaced by the data source's own statement with the same sid
	count(rule.deny) == 0 with input as {"resources": [
		data_source("data.aws_iam_policy_document.a", {"source_policy_documents": [base], "statement": [{"sid": "Audit", "actions": ["cloudtrail:LookupEvents"], "resources": ["*"]}]}),
		res("aws_iam_policy.a", {"policy": json_ref("data.aws_iam_policy_document.a")}),
	]}

	# an override document that cannot be read may replace it
	count(rule.deny) == 0 with input as {"resources": [
		data_source("data.aws_iam_policy_document.a", {"statement": [{"sid": "Audit", "actions": ["*"], "resources": ["*"]}], "override_policy_documents": [{"__unknown__": true, "expr": "var.override"}]}),
		res("aws_iam_policy.a", {"policy": json_ref("data.aws_iam_policy_document.a")}),
	]}

	# a statement without sid is never replaced
	count(rule.deny) == 1 with input as {"resources": [
		data_source("data.aws_iam_policy_document.a", {"statement": [{"actions": ["*"], "resources": ["*"]}], "override_policy_documents": [{"__unknown__": true, "expr": "var.override"}]}),
		res("aws_iam_policy.a", {"policy": json_ref("data.aws_iam_policy_document.a")}),
	]}
}

test_unknown_policy if {
	count(rule.deny) == 0 with input as {"resources": [
		res("aws_iam_policy.p", {"policy": {"__unknown__": true, "expr": "var.policy"}}),
		res("aws_iam_role_policy.p", {"policy": {"__unknown__": true, "expr": "module.x.policy_json", "ref": "module.x.data.aws_iam_policy_document.p"}}),
		res("aws_iam_role.r", {"inline_policy": [{"__unknown__": true, "expr": "dynamic"}]}),
	]}
}

test_administrator_access_attachments if {
	got := rule.deny with input as {"resources": [
		res("aws_iam_role_policy_attachment.a", {"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
		res("aws_iam_user_policy_attachment.a", {"policy_arn": "arn:aws-cn:iam::aws:policy/AdministratorAccess"}),
		res("aws_iam_group_policy_attachment.a", {"policy_arn": {"__unknown__": true, "expr": `"arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"`}}),
		res("aws_iam_policy_attachment.a", {"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}),
	]}
	{f.resource | some f in got} == {"aws_iam_role_policy_attachment.a", "aws_iam_user_policy_attachment.a", "aws_iam_group_policy_attachment.a"}
	some f in got
	f == {
		"resource": "aws_iam_role_policy_attachment.a",
		"path": ["resources", 0, "values", "policy_arn"],
		"message": attached_message,
	}
}

test_administrator_access_data_source if {
	arn := {"__unknown__": true, "expr": "data.aws_iam_policy.admin.arn", "ref": "data.aws_iam_policy.admin", "attribute": "arn"}
	count(rule.deny) == 1 with input as {"resources": [data_source("data.aws_iam_policy.admin", {"name": "AdministratorAccess"}), res("aws_iam_role_policy_attachment.a", {"policy_arn": arn})]}
	count(rule.deny) == 1 with input as {"resources": [data_source("data.aws_iam_policy.admin", {"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}), res("aws_iam_role_policy_attachment.a", {"policy_arn": arn})]}
	count(rule.deny) == 0 with input as {"resources": [data_source("data.aws_iam_policy.admin", {"name": "AdministratorAccess", "path_prefix": "/custom/"}), res("aws_iam_role_policy_attachment.a", {"policy_arn": arn})]}
}

test_conditional_or_variable_arn_not_reported if {
	count(rule.deny) == 0 with input as {"resources": [
		res("aws_iam_role_policy_attachment.a", {"policy_arn": {"__unknown__": true, "expr": "var.policy_arn"}}),
		res("aws_iam_role_policy_attachment.b", {"policy_arn": {"__unknown__": true, "expr": `var.admin ? "arn:aws:iam::aws:policy/ReadOnlyAccess" : "arn:aws:iam::aws:policy/AdministratorAccess"`}}),
		res("aws_iam_role_policy_attachment.c", {"policy_arn": {"__unknown__": true, "expr": "aws_iam_policy.ci.arn", "ref": "aws_iam_policy.ci", "attribute": "arn"}}),
	]}
}

test_managed_policy_arns if {
	got := rule.deny with input as {"resources": [
		res("aws_iam_role.r", {"managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"]}),
		res("aws_iam_role_policy_attachments_exclusive.r", {"policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"]}),
	]}
	{f.path | some f in got} == {
		["resources", 0, "values", "managed_policy_arns", 1],
		["resources", 1, "values", "policy_arns", 0],
	}
}
