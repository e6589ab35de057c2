# METADATA
# title: IAM identity policies do not grant full administrator access
# description: >-
#   A statement with Effect Allow, Action "*" and Resource "*" (or the AWS
#   managed AdministratorAccess policy) lets its role, user or group do
#   anything in the account, including granting itself more and deleting
#   audit trails. Checked: the PolicyDocument of AWS::IAM::Policy,
#   AWS::IAM::ManagedPolicy and AWS::IAM::RolePolicy/UserPolicy/GroupPolicy,
#   the inline Policies of roles, users and groups, and their
#   ManagedPolicyArns. Deny statements, NotAction and NotResource statements
#   and parts that cannot be resolved are not reported.
# custom:
#   id: aws-iam-policy-admin-wildcard
#   severity: high
#   theme: iam
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::IAM::Group", "AWS::IAM::GroupPolicy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::IAM::Role", "AWS::IAM::RolePolicy", "AWS::IAM::User", "AWS::IAM::UserPolicy", "aws_iam_group_policy", "aws_iam_group_policy_attachment", "aws_iam_policy", "aws_iam_policy_attachment", "aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_role_policy_attachments_exclusive", "aws_iam_user_policy", "aws_iam_user_policy_attachment"]
#   remediation: >-
#     List the actions the principal needs in the statement's Action (for
#     example "s3:GetObject") and the ARNs it needs them on in Resource, and
#     replace arn:aws:iam::aws:policy/AdministratorAccess in ManagedPolicyArns
#     with a least-privilege customer managed policy.
package tollgate.aws.iam_policy_admin_wildcard

import rego.v1

import data.tollgate.lib.aws.iam_policies
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "List the actions the principal needs in the statement's Action (for example \"s3:GetObject\") and the ARNs it needs them on in Resource, and replace arn:aws:iam::aws:policy/AdministratorAccess in ManagedPolicyArns with a least-privilege customer managed policy.",
	"terraform": "List the actions the principal needs in the statement's actions (for example [\"s3:GetObject\"]) and the ARNs it needs them on in resources, and attach a least-privilege aws_iam_policy instead of arn:aws:iam::aws:policy/AdministratorAccess (policy_arn, managed_policy_arns).",
}

statement_message := `policy statement allows every action ("*") on every resource ("*"): full administrator access`

deny contains f if {
	some d in iam_policies.documents
	some g in iam_policies.admin_grants(d)
	f := with_related(view.field_finding(d.resource, g, statement_message, fix), g.related)
}

deny contains f if {
	some a in iam_policies.attached
	iam_policies.administrator_access(a)
	f := view.field_finding(a.resource, a.arn, "the AWS managed AdministratorAccess policy is attached: full administrator access", fix)
}

with_related(f, related) := f if count(related) == 0

with_related(f, related) := object.union(f, {"related": related}) if count(related) > 0
