package tollgate.aws.iam_policy_admin_wildcard_test

import rego.v1

import data.tollgate.aws.iam_policy_admin_wildcard as rule

# CloudFormation (and CDK)

admin := {"Effect": "Allow", "Action": "*", "Resource": "*"}

policy(type, doc) := {"tollgate": {"format": "cloudformation"}, "Resources": {"P": {"Type": type, "Properties": {"PolicyName": "p", "PolicyDocument": doc}}}}

role(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": props}}}

test_cloudformation_policy_statement if {
	rule.deny == {{
		"resource": "P",
		"path": ["Resources", "P", "Properties", "PolicyDocument", "Statement", 1, "Action"],
		"message": `policy statement allows every action ("*") on every resource ("*"): full administrator access`,
		"remediation": rule.fix.cloudformation,
	}} with input as policy("AWS::IAM::Policy", {"Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		admin,
	]})
}

test_cloudformation_every_policy_type if {
	every type in ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"] {
		count(rule.deny) == 1 with input as policy(type, {"Statement": [admin]})
	}
}

test_cloudformation_single_statement_and_lists if {
	got := rule.deny with input as policy("AWS::IAM::ManagedPolicy", {"Statement": {"Effect": "Allow", "Action": ["ec2:*", "*:*"], "Resource": ["arn:aws:s3:::b", "*"]}})
	{f.path | some f in got} == {["Resources", "P", "Properties", "PolicyDocument", "Statement", "Action"]}
}

test_cloudformation_json_string_document if {
	got := rule.deny with input as policy("AWS::IAM::Policy", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	{f.path | some f in got} == {["Resources", "P", "Properties", "PolicyDocument", "Statement", 0, "Action"]}
}

test_cloudformation_inline_policies_of_principals if {
	got := rule.deny with input as role({"Policies": [
		{"PolicyName": "ok", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
		{"PolicyName": "all", "PolicyDocument": {"Statement": [admin]}},
	]})
	{f.path | some f in got} == {["Resources", "R", "Properties", "Policies", 1, "PolicyDocument", "Statement", 0, "Action"]}
	every type in ["AWS::IAM::User", "AWS::IAM::Group"] {
		count(rule.deny) == 1 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"U": {"Type": type, "Properties": {"Policies": [{"PolicyName": "all", "PolicyDocument": {"Statement": [admin]}}]}}}}
	}
}

test_cloudformation_administrator_access_attached if {
	rule.deny == {{
		"resource": "R",
		"path": ["Resources", "R", "Properties", "ManagedPolicyArns", 1],
		"message": "the AWS managed AdministratorAccess policy is attached: full administrator access",
		"remediation": rule.fix.cloudformation,
	}} with input as role({"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"]})
	count(rule.deny) == 1 with input as role({"ManagedPolicyArns": ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"]})
}

test_cloudformation_customer_policy_named_like_admin_is_not_reported if {
	count(rule.deny) == 0 with input as role({"ManagedPolicyArns": ["arn:aws:iam::123456789012:policy/AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess-Amplify"]})
}

test_cloudformation_narrow_deny_and_not_statements if {
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": [
		{"Effect": "Deny", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"},
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:iam::*:role/admin"},
	]})
}

test_cloudformation_unknowns_are_not_reported if {
	unknown := {"__unknown__": true, "expr": "Ref Value", "ref": "Value"}
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", unknown)
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": unknown})
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": [unknown]})
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": [{"Effect": "Allow", "Action": unknown, "Resource": "*"}]})
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": [{"Effect": unknown, "Action": "*", "Resource": "*"}]})
	count(rule.deny) == 0 with input as role({"Policies": unknown, "ManagedPolicyArns": unknown})
	count(rule.deny) == 0 with input as role({"Policies": [{"PolicyName": "p", "PolicyDocument": unknown}], "ManagedPolicyArns": [unknown]})
}

test_cloudformation_resource_policies_are_out_of_scope if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"BP": {"Type": "AWS::S3::BucketPolicy", "Properties": {"PolicyDocument": {"Statement": [admin]}}}}}
}

# Terraform

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

test_terraform_json_string_policy if {
	rule.deny == {{
		"resource": "aws_iam_policy.admin",
		"path": ["resources", 0, "values", "policy"],
		"message": statement_message,
		"remediation": rule.fix.terraform,
	}} with input as {"tollgate": {"format": "terraform"}, "resources": [res("aws_iam_policy.admin", {"policy": admin_json})]}
}

test_terraform_every_policy_type if {
	every type in ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"] {
		count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [res(concat(".", [type, "p"]), {"policy": admin_json})]}
	}
}

test_terraform_inline_policy_block if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [res("aws_iam_role.ci", {"inline_policy": [
		{"name": "ok", "policy": `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`},
		{"name": "all", "policy": admin_json},
	]})]}
	{f.path | some f in got} == {["resources", 0, "values", "inline_policy", 1, "policy"]}
}

test_terraform_partial_jsonencode if {
	policy := {"__unknown__": true, "expr": "jsonencode({...})", "json": {"Statement": [
		{"Effect": "Allow", "Action": "s3:PutObject", "Resource": {"__unknown__": true, "ref": "aws_s3_bucket.b", "attribute": "arn"}},
		{"Effect": "Allow", "Action": ["*:*"], "Resource": ["*"]},
	]}}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [res("aws_iam_user_policy.u", {"policy": policy})]}
	narrow := {"__unknown__": true, "expr": "jsonencode({...})", "json": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": {"__unknown__": true, "ref": "aws_s3_bucket.b", "attribute": "arn"}}]}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [res("aws_iam_user_policy.u", {"policy": narrow})]}
}

test_terraform_policy_document_data_source if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
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
		"remediation": rule.fix.terraform,
		"related": [{"path": ["resources", 0, "values", "statement", 1], "message": "statement allowing every action on every resource"}],
	}}
}

test_terraform_policy_document_deny_and_narrow if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		data_source("data.aws_iam_policy_document.ops", {"statement": [
			{"effect": "Deny", "actions": ["*"], "resources": ["*"]},
			{"actions": ["*"], "resources": ["arn:aws:s3:::b/*"]},
			{"not_actions": ["iam:*"], "resources": ["*"]},
		]}),
		res("aws_iam_policy.ops", {"policy": json_ref("data.aws_iam_policy_document.ops")}),
	]}
}

test_terraform_source_and_override_documents if {
	base := `{"Statement":[{"Sid":"Audit","Effect":"Allow","Action":"*","Resource":"*"}]}`

	# the source document's admin statement is kept without a same-sid replacement
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [
		data_source("data.aws_iam_policy_document.a", {"source_policy_documents": [base], "statement": [{"sid": "Other", "actions": ["s3:GetObject"], "resources": ["*"]}]}),
		res("aws_iam_policy.a", {"policy": json_ref("data.aws_iam_policy_document.a")}),
	]}

	# replaced by the data source's own statement with the same sid
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		data_source("data.aws_iam_policy_document.a", {"source_policy_documents": [base], "statement": [{"sid": "Audit", "actions": ["cloudtrail:LookupEvents"], "resources": ["*"]}]}),
		res("aws_iam_policy.a", {"policy": json_ref("data.aws_iam_policy_document.a")}),
	]}

	# an override document that cannot be read may replace it
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		data_source("data.aws_iam_policy_document.a", {"statement": [{"sid": "Audit", "actions": ["*"], "resources": ["*"]}], "override_policy_documents": [{"__unknown__": true, "expr": "var.override"}]}),
		res("aws_iam_policy.a", {"policy": json_ref("data.aws_iam_policy_document.a")}),
	]}

	# a statement without sid is never replaced
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [
		data_source("data.aws_iam_policy_document.a", {"statement": [{"actions": ["*"], "resources": ["*"]}], "override_policy_documents": [{"__unknown__": true, "expr": "var.override"}]}),
		res("aws_iam_policy.a", {"policy": json_ref("data.aws_iam_policy_document.a")}),
	]}
}

test_terraform_unknown_policy if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		res("aws_iam_policy.p", {"policy": {"__unknown__": true, "expr": "var.policy"}}),
		res("aws_iam_role_policy.p", {"policy": {"__unknown__": true, "expr": "module.x.policy_json", "ref": "module.x.data.aws_iam_policy_document.p"}}),
		res("aws_iam_role.r", {"inline_policy": [{"__unknown__": true, "expr": "dynamic"}]}),
	]}
}

test_terraform_administrator_access_attachments if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
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
		"remediation": rule.fix.terraform,
	}
}

test_terraform_administrator_access_data_source if {
	arn := {"__unknown__": true, "expr": "data.aws_iam_policy.admin.arn", "ref": "data.aws_iam_policy.admin", "attribute": "arn"}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [data_source("data.aws_iam_policy.admin", {"name": "AdministratorAccess"}), res("aws_iam_role_policy_attachment.a", {"policy_arn": arn})]}
	count(rule.deny) == 1 with input as {"tollgate": {"format": "terraform"}, "resources": [data_source("data.aws_iam_policy.admin", {"arn": "arn:aws:iam::aws:policy/AdministratorAccess"}), res("aws_iam_role_policy_attachment.a", {"policy_arn": arn})]}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [data_source("data.aws_iam_policy.admin", {"name": "AdministratorAccess", "path_prefix": "/custom/"}), res("aws_iam_role_policy_attachment.a", {"policy_arn": arn})]}
}

test_terraform_conditional_or_variable_arn_not_reported if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [
		res("aws_iam_role_policy_attachment.a", {"policy_arn": {"__unknown__": true, "expr": "var.policy_arn"}}),
		res("aws_iam_role_policy_attachment.b", {"policy_arn": {"__unknown__": true, "expr": `var.admin ? "arn:aws:iam::aws:policy/ReadOnlyAccess" : "arn:aws:iam::aws:policy/AdministratorAccess"`}}),
		res("aws_iam_role_policy_attachment.c", {"policy_arn": {"__unknown__": true, "expr": "aws_iam_policy.ci.arn", "ref": "aws_iam_policy.ci", "attribute": "arn"}}),
	]}
}

test_terraform_managed_policy_arns if {
	got := rule.deny with input as {"tollgate": {"format": "terraform"}, "resources": [
		res("aws_iam_role.r", {"managed_policy_arns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"]}),
		res("aws_iam_role_policy_attachments_exclusive.r", {"policy_arns": ["arn:aws:iam::aws:policy/AdministratorAccess"]}),
	]}
	{f.path | some f in got} == {
		["resources", 0, "values", "managed_policy_arns", 1],
		["resources", 1, "values", "policy_arns", 0],
	}
}
