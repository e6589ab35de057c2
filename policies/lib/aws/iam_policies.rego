# METADATA
# description: >-
#   IAM identity policies as one view (see lib/view.rego): the policy
#   documents a template or configuration writes or attaches inline, and
#   the managed policy ARNs it attaches.
package tollgate.lib.aws.iam_policies

import rego.v1

import data.tollgate.lib.iam
import data.tollgate.lib.tf_iam
import data.tollgate.lib.view

# documents are {"resource": the resource that writes the policy (a view
# without settings), "document": the policy as a field}.
documents contains {"resource": _resource(v), "document": view.field(v, [name])} if {
	some type, name in _policy_types
	some v in view.by_type[type]
}

documents contains {"resource": _resource(v), "document": view.field(v, [list, j, name])} if {
	some type, p in _inline_policies
	some v in view.by_type[type]
	[list, name] := p
	policies := view.get(v.values, [list])
	is_array(policies)
	some j, policy in policies
	_inline(v.family, policy)
}

_policy_types := {
	"AWS::IAM::Policy": "PolicyDocument",
	"AWS::IAM::ManagedPolicy": "PolicyDocument",
	"AWS::IAM::RolePolicy": "PolicyDocument",
	"AWS::IAM::UserPolicy": "PolicyDocument",
	"AWS::IAM::GroupPolicy": "PolicyDocument",
	"aws_iam_policy": "policy",
	"aws_iam_role_policy": "policy",
	"aws_iam_user_policy": "policy",
	"aws_iam_group_policy": "policy",
}

# Policies written inside a principal.
_inline_policies := {
	"AWS::IAM::Role": ["Policies", "PolicyDocument"],
	"AWS::IAM::User": ["Policies", "PolicyDocument"],
	"AWS::IAM::Group": ["Policies", "PolicyDocument"],
	"aws_iam_role": ["inline_policy", "policy"],
}

_inline("cloudformation", _)

_inline("terraform", policy) if is_object(policy)

# admin_grants returns where document entry d grants every action on every
# resource: CloudFormation names each statement's Action inside the
# document; Terraform points at the policy argument, with the statements
# that grant it (in aws_iam_policy_document data sources) as related
# locations.
admin_grants(d) := {{"path": array.concat(d.document.path, p), "related": []} |
	some p in iam.admin_statement_paths(iam.document(view.or_else(d.document.value, {})))
} if d.resource.family == "cloudformation"

admin_grants(d) := {{"path": d.document.path, "related": g.related} |
	some g in tf_iam.admin_grants(d.document.value)
} if d.resource.family == "terraform"

# attached are {"resource", "arn": a managed policy ARN attached to an
# identity, as a field}.
attached contains {"resource": _resource(v), "arn": view.field(v, [name, k])} if {
	some type, name in _arn_lists
	some v in view.by_type[type]
	arns := view.get(v.values, [name])
	is_array(arns)
	some k, _ in arns
}

attached contains {"resource": _resource(v), "arn": view.field(v, ["policy_arn"])} if {
	some type in ["aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_policy_attachment"]
	some v in view.by_type[type]
}

_arn_lists := {
	"AWS::IAM::Role": "ManagedPolicyArns",
	"AWS::IAM::User": "ManagedPolicyArns",
	"AWS::IAM::Group": "ManagedPolicyArns",
	"aws_iam_role": "managed_policy_arns",
	"aws_iam_role_policy_attachments_exclusive": "policy_arns",
}

# administrator_access holds for the AWS managed AdministratorAccess ARN
# (Terraform also follows an aws_iam_policy data source that looks it up).
administrator_access(a) if {
	a.resource.family == "cloudformation"
	iam.admin_policy_arn(a.arn.value)
}

administrator_access(a) if {
	a.resource.family == "terraform"
	tf_iam.admin_arn(a.arn.value)
}

_resource(v) := object.remove(v, ["values", "fields", "paths"])
