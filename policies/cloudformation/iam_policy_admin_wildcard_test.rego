package tollgate.cloudformation.iam_policy_admin_wildcard_test

import rego.v1

import data.tollgate.cloudformation.iam_policy_admin_wildcard as rule

admin := {"Effect": "Allow", "Action": "*", "Resource": "*"}

policy(type, doc) := {"Resources": {"P": {"Type": type, "Properties": {"PolicyName": "p", "PolicyDocument": doc}}}}

role(props) := {"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": props}}}

test_policy_statement if {
	rule.deny == {{
		"resource": "P",
		"path": ["Resources", "P", "Properties", "PolicyDocument", "Statement", 1, "Action"],
		"message": `policy statement allows every action ("*") on every resource ("*"): full administrator access`,
	}} with input as policy("AWS::IAM::Policy", {"Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		admin,
	]})
}

test_every_policy_type if {
	every type in ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy"] {
		count(rule.deny) == 1 with input as policy(type, {"Statement": [admin]})
	}
}

test_single_statement_and_lists if {
	got := rule.deny with input as policy("AWS::IAM::ManagedPolicy", {"Statement": {"Effect": "Allow", "Action": ["ec2:*", "*:*"], "Resource": ["arn:aws:s3:::b", "*"]}})
	{f.path | some f in got} == {["Resources", "P", "Properties", "PolicyDocument", "Statement", "Action"]}
}

test_json_string_document if {
	got := rule.deny with input as policy("AWS::IAM::Policy", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)
	{f.path | some f in got} == {["Resources", "P", "Properties", "PolicyDocument", "Statement", 0, "Action"]}
}

test_inline_policies_of_principals if {
	got := rule.deny with input as role({"Policies": [
		{"PolicyName": "ok", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
		{"PolicyName": "all", "PolicyDocument": {"Statement": [admin]}},
	]})
	{f.path | some f in got} == {["Resources", "R", "Properties", "Policies", 1, "PolicyDocument", "Statement", 0, "Action"]}
	every type in ["AWS::IAM::User", "AWS::IAM::Group"] {
		count(rule.deny) == 1 with input as {"Resources": {"U": {"Type": type, "Properties": {"Policies": [{"PolicyName": "all", "PolicyDocument": {"Statement": [admin]}}]}}}}
	}
}

test_administrator_access_attached if {
	rule.deny == {{
		"resource": "R",
		"path": ["Resources", "R", "Properties", "ManagedPolicyArns", 1],
		"message": "the AWS managed AdministratorAccess policy is attached: full administrator access",
	}} with input as role({"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"]})
	count(rule.deny) == 1 with input as role({"ManagedPolicyArns": ["arn:aws-us-gov:iam::aws:policy/AdministratorAccess"]})
}

test_customer_policy_named_like_admin_is_not_reported if {
	count(rule.deny) == 0 with input as role({"ManagedPolicyArns": ["arn:aws:iam::123456789012:policy/AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess-Amplify"]})
}

test_narrow_deny_and_not_statements if {
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": [
		{"Effect": "Deny", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"},
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:iam::*:role/admin"},
	]})
}

test_unknowns_are_not_reported if {
	unknown := {"__unknown__": true, "expr": "Ref Value", "ref": "Value"}
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", unknown)
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": unknown})
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": [unknown]})
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": [{"Effect": "Allow", "Action": unknown, "Resource": "*"}]})
	count(rule.deny) == 0 with input as policy("AWS::IAM::Policy", {"Statement": [{"Effect": unknown, "Action": "*", "Resource": "*"}]})
	count(rule.deny) == 0 with input as role({"Policies": unknown, "ManagedPolicyArns": unknown})
	count(rule.deny) == 0 with input as role({"Policies": [{"PolicyName": "p", "PolicyDocument": unknown}], "ManagedPolicyArns": [unknown]})
}

test_resource_policies_are_out_of_scope if {
	count(rule.deny) == 0 with input as {"Resources": {"BP": {"Type": "AWS::S3::BucketPolicy", "Properties": {"PolicyDocument": {"Statement": [admin]}}}}}
}
