# METADATA
# title: IAM identity policies do not grant full administrator access
# description: >-
#   A statement with effect Allow, action "*" and resource "*" (or the AWS
#   managed AdministratorAccess policy) lets its role, user or group do
#   anything in the account, including granting itself more and deleting
#   audit trails. Checked: the policy of aws_iam_policy and
#   aws_iam_role_policy/user_policy/group_policy and the inline_policy blocks
#   of aws_iam_role (JSON strings, jsonencode, aws_iam_policy_document data
#   sources with their source and override documents), and
#   AdministratorAccess in policy attachments and managed_policy_arns.
#   Deny, not_actions and not_resources statements and values that cannot
#   be resolved are not reported.
# custom:
#   id: aws-iam-policy-admin-wildcard
#   severity: high
#   theme: iam
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy", "aws_iam_role", "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment", "aws_iam_role_policy_attachments_exclusive"]
#   remediation: >-
#     List the actions the principal needs in the statement's actions (for
#     example ["s3:GetObject"]) and the ARNs it needs them on in resources,
#     and attach a least-privilege aws_iam_policy instead of
#     arn:aws:iam::aws:policy/AdministratorAccess (policy_arn,
#     managed_policy_arns).
package tollgate.terraform.iam_policy_admin_wildcard

import rego.v1

import data.tollgate.lib.tf
import data.tollgate.lib.tf_iam

policy_types := ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]

attachment_types := [
	"aws_iam_role_policy_attachment",
	"aws_iam_user_policy_attachment",
	"aws_iam_group_policy_attachment",
	"aws_iam_policy_attachment",
]

statement_message := `policy statement allows every action ("*") on every resource ("*"): full administrator access`

attached_message := "the AWS managed AdministratorAccess policy is attached: full administrator access"

deny contains f if {
	some type in policy_types
	some i, r in tf.resources(type)
	some g in tf_iam.admin_grants(tf.value(r, ["policy"], null))
	f := with_related(tf.finding(i, ["policy"], statement_message), g.related)
}

deny contains f if {
	some i, r in tf.resources("aws_iam_role")
	blocks := tf.value(r, ["inline_policy"], [])
	is_array(blocks)
	some k, b in blocks
	is_object(b)
	some g in tf_iam.admin_grants(object.get(b, "policy", null))
	f := with_related(tf.finding(i, ["inline_policy", k, "policy"], statement_message), g.related)
}

deny contains f if {
	some type in attachment_types
	some i, r in tf.resources(type)
	tf_iam.admin_arn(tf.value(r, ["policy_arn"], null))
	f := tf.finding(i, ["policy_arn"], attached_message)
}

deny contains f if {
	some [type, attr] in [["aws_iam_role", "managed_policy_arns"], ["aws_iam_role_policy_attachments_exclusive", "policy_arns"]]
	some i, r in tf.resources(type)
	arns := tf.value(r, [attr], [])
	is_array(arns)
	some k, arn in arns
	tf_iam.admin_arn(arn)
	f := tf.finding(i, [attr, k], attached_message)
}

with_related(f, related) := f if count(related) == 0

with_related(f, related) := object.union(f, {"related": related}) if count(related) > 0
