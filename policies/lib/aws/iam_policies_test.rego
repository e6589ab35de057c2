package tollgate.lib.aws.iam_policies_test

import rego.v1

import data.tollgate.lib.aws.iam_policies

admin := {"Effect": "Allow", "Action": "*", "Resource": "*"}

test_cloudformation_documents_and_grants if {
	doc := {"tollgate": {"format": "cloudformation"}, "Resources": {
		"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [admin]}}},
		"R": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyName": "x", "PolicyDocument": json.marshal({"Statement": admin})}]}},
	}}
	grants := {g.path | some d in iam_policies.documents; some g in iam_policies.admin_grants(d)} with input as doc
	grants == {
		["Resources", "P", "Properties", "PolicyDocument", "Statement", 0, "Action"],
		["Resources", "R", "Properties", "Policies", 0, "PolicyDocument", "Statement", "Action"],
	}
}

test_terraform_documents_point_at_the_argument if {
	doc := {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "values": {"policy": json.marshal({"Statement": [admin]})}},
		{"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "values": {"inline_policy": [{"policy": json.marshal({"Statement": [admin]})}]}},
	]}
	grants := {g.path | some d in iam_policies.documents; some g in iam_policies.admin_grants(d)} with input as doc
	grants == {["resources", 0, "values", "policy"], ["resources", 1, "values", "inline_policy", 0, "policy"]}
}

test_attached_administrator_access if {
	arn := "arn:aws:iam::aws:policy/AdministratorAccess"
	cfn := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess", arn]}}}}
	{a.arn.path | some a in iam_policies.attached; iam_policies.administrator_access(a)} == {["Resources", "R", "Properties", "ManagedPolicyArns", 1]} with input as cfn
	tf := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_iam_role_policy_attachment.a", "mode": "managed", "type": "aws_iam_role_policy_attachment", "values": {"policy_arn": arn}}]}
	{a.arn.path | some a in iam_policies.attached; iam_policies.administrator_access(a)} == {["resources", 0, "values", "policy_arn"]} with input as tf
}
