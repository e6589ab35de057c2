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
#   formats: [cloudformation]
#   resource_types: ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
#   remediation: >-
#     List the actions the principal needs in the statement's Action (for
#     example "s3:GetObject") and the ARNs it needs them on in Resource, and
#     replace arn:aws:iam::aws:policy/AdministratorAccess in ManagedPolicyArns
#     with a least-privilege customer managed policy.
package tollgate.cloudformation.iam_policy_admin_wildcard

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption
import data.tollgate.lib.iam

policy_types := {
	"AWS::IAM::Policy",
	"AWS::IAM::ManagedPolicy",
	"AWS::IAM::RolePolicy",
	"AWS::IAM::UserPolicy",
	"AWS::IAM::GroupPolicy",
}

principal_types := {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}

statement_message := `policy statement allows every action ("*") on every resource ("*"): full administrator access`

deny contains f if {
	some name, r in cfn.resources_in(policy_types)
	doc := iam.document(encryption.prop(r, ["PolicyDocument"], {}))
	some p in iam.admin_statement_paths(doc)
	f := cfn.finding(name, array.concat(["PolicyDocument"], p), statement_message)
}

deny contains f if {
	some name, r in cfn.resources_in(principal_types)
	policies := encryption.prop(r, ["Policies"], [])
	is_array(policies)
	some j, policy in policies
	doc := iam.document(encryption.lookup(policy, ["PolicyDocument"], {}))
	some p in iam.admin_statement_paths(doc)
	f := cfn.finding(name, array.concat(["Policies", j, "PolicyDocument"], p), statement_message)
}

deny contains f if {
	some name, r in cfn.resources_in(principal_types)
	arns := encryption.prop(r, ["ManagedPolicyArns"], [])
	is_array(arns)
	some k, arn in arns
	iam.admin_policy_arn(arn)
	f := cfn.finding(name, ["ManagedPolicyArns", k], "the AWS managed AdministratorAccess policy is attached: full administrator access")
}
