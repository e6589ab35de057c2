# METADATA
# description: >-
#   Helpers for Terraform IAM rules: policy arguments written as JSON
#   strings, jsonencode (with partly unknown values) or references to
#   aws_iam_policy_document data sources, and managed policy ARNs written as
#   literals or looked up with the aws_iam_policy data source.
package tollgate.lib.tf_iam

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.iam
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption

# admin_grants returns one entry per statement of policy x that grants every
# action on every resource: {"related": [...]} where related points at the
# data source statement when the policy comes from one (empty otherwise).
admin_grants(x) := ({{"related": []} |
	not core.is_unknown(x)
	count(iam.admin_statement_paths(iam.document(x))) > 0
} | {{"related": []} |
	core.is_unknown(x)
	is_object(x.json)
	count(iam.admin_statement_paths(x.json)) > 0
}) | {{"related": [{"path": p, "message": "statement allowing every action on every resource"}]} |
	some e in document_entries(x)
	admin_entry(e)
	not overridden(e, document_entries(x))
	p := e.path
}

# document_entries returns the statements of the aws_iam_policy_document data
# sources x refers to, each as {"statement", "sid", "level", "path"}: level 0
# for source documents, 1 for the data source's own statement blocks, 2 for
# override documents (a higher level replaces a statement with the same sid).
# A document that cannot be read is an entry with "unknown": true.
document_entries(x) := [e |
	some d in tf_encryption.data_sources(x, "aws_iam_policy_document")
	some e in data_source_entries(d)
]

data_source_entries(d) := array.concat(own_entries(d), doc_entries(d))

own_entries(d) := [e |
	some di, r in input.resources
	r.address == d.address
	some si, s in tf.value(d, ["statement"], [])
	e := block_entry(s, ["resources", di, "values", "statement", si])
]

block_entry(s, path) := {"unknown": true, "level": 1, "path": path} if core.is_unknown(s)

block_entry(s, path) := {
	"statement": s,
	"sid": sid_of(object.get(s, "sid", null)),
	"level": 1,
	"path": path,
} if {
	is_object(s)
	not core.is_unknown(s)
}

doc_levels := {
	"source_policy_documents": 0,
	"source_json": 0,
	"override_policy_documents": 2,
	"override_json": 2,
}

doc_entries(d) := [e |
	some di, r in input.resources
	r.address == d.address
	some key, level in doc_levels
	some doc in encryption.as_list(tf.value(d, [key], []))
	some e in json_doc_entries(doc, level, ["resources", di, "values", key])
]

json_doc_entries(doc, level, path) := [{"unknown": true, "level": level, "path": path}] if core.is_unknown(doc)

json_doc_entries(doc, level, path) := [e |
	is_string(doc)
	parsed := iam.document(doc)
	is_object(parsed)
	some s in encryption.as_list(object.get(parsed, "Statement", []))
	e := {"json_statement": s, "sid": sid_of(object.get(s, "Sid", null)), "level": level, "path": path}
] if not core.is_unknown(doc)

sid_of(x) := x if is_string(x)

sid_of(x) := "" if not is_string(x)

admin_entry(e) if iam.grants_admin(e.json_statement)

admin_entry(e) if block_grants_admin(e.statement)

# block_grants_admin is iam.grants_admin for a statement block: effect
# defaults to Allow (a plan lists it as null when unset).
block_grants_admin(s) if {
	object.get(s, "effect", null) in {"Allow", null}
	some a in encryption.as_list(object.get(s, "actions", []))
	iam.every_action(a)
	some r in encryption.as_list(object.get(s, "resources", []))
	r == "*"
}

# overridden holds when a statement with a sid may be replaced by one of a
# higher level with the same sid, or by a document that cannot be read.
overridden(e, entries) if {
	e.sid != ""
	some o in entries
	o.level > e.level
	o.unknown == true
}

overridden(e, entries) if {
	e.sid != ""
	some o in entries
	o.level > e.level
	o.sid == e.sid
}

# admin_arn holds for a policy ARN that is the AWS managed
# AdministratorAccess policy: a literal, a string template over the
# partition ("arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"),
# or an aws_iam_policy data source that looks it up by ARN or name.
admin_arn(x) if iam.admin_policy_arn(x)

admin_arn(x) if {
	core.is_unknown(x)
	is_string(x.expr)
	regex.match(`^"[^"]*:iam::aws:policy/AdministratorAccess"$`, x.expr)
}

admin_arn(x) if {
	some d in tf_encryption.data_sources(x, "aws_iam_policy")
	iam.admin_policy_arn(tf.value(d, ["arn"], null))
}

admin_arn(x) if {
	some d in tf_encryption.data_sources(x, "aws_iam_policy")
	tf.value(d, ["name"], null) == "AdministratorAccess"
	tf.value(d, ["path_prefix"], "/") == "/"
}
