# METADATA
# description: >-
#   Helpers for IAM identity-policy rules: statements of JSON policy
#   documents (CloudFormation objects, JSON strings, Terraform jsonencode)
#   and AWS managed policy ARNs.
package tollgate.lib.iam

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption

# admin_policy_arn holds for the AWS managed AdministratorAccess policy in
# any partition (aws, aws-cn, aws-us-gov, ...).
admin_policy_arn(x) if {
	is_string(x)
	regex.match(`^arn:aws(-[a-z]+)*:iam::aws:policy/AdministratorAccess$`, x)
}

# document returns a policy document as an object: a JSON string is parsed,
# anything else (an object, an unknown marker) is returned as it is.
document(x) := json.unmarshal(x) if {
	is_string(x)
	json.is_valid(x)
} else := x

# admin_statement_paths returns the paths, relative to the document, of the
# Action of every statement that grants every action on every resource.
# Statement may be a list or a single object.
admin_statement_paths(doc) := {p |
	is_object(doc)
	not core.is_unknown(doc)
	stmts := object.get(doc, "Statement", [])
	is_array(stmts)
	some k, s in stmts
	grants_admin(s)
	p := ["Statement", k, "Action"]
} | {p |
	is_object(doc)
	not core.is_unknown(doc)
	s := object.get(doc, "Statement", [])
	is_object(s)
	grants_admin(s)
	p := ["Statement", "Action"]
}

# grants_admin holds for a JSON statement with Effect Allow, an Action of "*"
# (or "*:*") and a Resource of "*". Conditions do not make it narrower in
# what it grants. NotAction and NotResource statements are left alone: they
# are broad, but not full administrator access by themselves. Unknown parts
# may be anything: they never make a statement match.
grants_admin(s) if {
	is_object(s)
	not core.is_unknown(s)
	object.get(s, "Effect", null) == "Allow"
	some a in encryption.as_list(object.get(s, "Action", []))
	every_action(a)
	some r in encryption.as_list(object.get(s, "Resource", []))
	r == "*"
}

every_action(a) if a in {"*", "*:*"}
