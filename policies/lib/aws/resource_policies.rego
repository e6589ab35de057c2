# METADATA
# description: >-
#   Resource policies (bucket, queue, topic, repository, key, secret and
#   vault policies, role trust policies) as one view (see lib/view.rego),
#   and the statements of them that grant to everyone: Effect Allow to
#   Principal "*" (or {"AWS": "*"}, or with NotPrincipal) without a
#   condition that narrows the callers to an account, organisation,
#   network or source resource.
package tollgate.lib.aws.resource_policies

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.iam
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.tf_iam
import data.tollgate.lib.view

# documents are {"resource": the resource that writes the policy (a view
# without settings), "service": what the policy governs, "document": the
# policy as a field}. Terraform's legacy inline policy arguments (an
# aws_s3_bucket's policy, an aws_sqs_queue's) count as much as the policy
# resources.
documents contains {"resource": _resource(v), "service": service, "document": view.field(v, [name])} if {
	some type, e in _policy_types
	[service, name] := e
	some v in view.by_type[type]
	view.get(v.values, [name]) != null
}

_policy_types := {
	"AWS::S3::BucketPolicy": ["s3", "PolicyDocument"],
	"AWS::SQS::QueuePolicy": ["sqs", "PolicyDocument"],
	"AWS::SQS::QueueInlinePolicy": ["sqs", "PolicyDocument"],
	"AWS::SNS::TopicPolicy": ["sns", "PolicyDocument"],
	"AWS::SNS::TopicInlinePolicy": ["sns", "PolicyDocument"],
	"AWS::ECR::Repository": ["ecr", "RepositoryPolicyText"],
	"AWS::KMS::Key": ["kms", "KeyPolicy"],
	"AWS::SecretsManager::ResourcePolicy": ["secretsmanager", "ResourcePolicy"],
	"AWS::Glacier::Vault": ["glacier", "AccessPolicy"],
	"AWS::IAM::Role": ["sts", "AssumeRolePolicyDocument"],
	"aws_s3_bucket_policy": ["s3", "policy"],
	"aws_s3_bucket": ["s3", "policy"],
	"aws_sqs_queue_policy": ["sqs", "policy"],
	"aws_sqs_queue": ["sqs", "policy"],
	"aws_sns_topic_policy": ["sns", "policy"],
	"aws_sns_topic": ["sns", "policy"],
	"aws_ecr_repository_policy": ["ecr", "policy"],
	"aws_kms_key": ["kms", "policy"],
	"aws_secretsmanager_secret_policy": ["secretsmanager", "policy"],
	"aws_secretsmanager_secret": ["secretsmanager", "policy"],
	"aws_glacier_vault": ["glacier", "access_policy"],
	"aws_iam_role": ["sts", "assume_role_policy"],
}

# types lists the resource types whose policies are read, by service.
types(service) := {t | some t, e in _policy_types; e[0] == service}

# public_statements returns, for document entry d, the statements that
# grant to everyone without a narrowing condition, each as
# {"path": where to report, "statement": the statement in the normal form
# below}. CloudFormation reports each statement inside the document;
# Terraform reports the policy argument (a JSON string, a jsonencode or a
# data source reference has no inner path in the document).
public_statements(d) := {{"path": array.concat(d.document.path, e.path), "statement": e.statement, "related": []} |
	entries := _cfn_entries(iam.document(view.or_else(d.document.value, {})))
	some e in entries
	public(e.statement, entries)
} if d.resource.family == "cloudformation"

public_statements(d) := {{"path": d.document.path, "statement": s, "related": _related(d.document.value, s)} |
	entries := _tf_entries(d.document.value)
	some e in entries
	s := e.statement
	public(s, entries)
} if d.resource.family == "terraform"

# _related points at the statement blocks of the aws_iam_policy_document
# data sources x refers to that are statement s: the Terraform finding is
# at the policy argument, the block that grants is in the data source.
_related(x, s) := [{"path": e.path, "message": "statement granting to everyone"} |
	some e in tf_iam.document_entries(x)
	is_object(e.statement)
	_block(tf_encryption.normal_block_statement(e.statement)) == s
]

# Statements in one normal form, whatever the format wrote:
# {"sid", "effect", "principals": [{"type", "identifiers"}], "not_principal",
# "actions", "not_actions", "conditions": [{"test", "variable", "values"}]}.
# A statement that cannot be read is its unknown marker.
_cfn_entries(doc) := [] if not is_object(doc)

else := [] if core.is_unknown(doc)

else := [{"path": ["Statement", k], "statement": normal(s)} |
	stmts := object.get(doc, "Statement", [])
	is_array(stmts)
	some k, s in stmts
] if is_array(object.get(doc, "Statement", []))

else := [{"path": ["Statement"], "statement": normal(doc.Statement)}]

_tf_entries(x) := [{"statement": normal(s)} |
	doc := iam.document(x)
	is_object(doc)
	some s in encryption.statements(doc)
] if is_string(x)

else := [{"statement": normal(s)} |
	some s in encryption.statements(x.json)
] if {
	core.is_unknown(x)
	is_object(x.json)
}

# An aws_iam_policy_document data source: its statement blocks (effect
# defaults to Allow) and the JSON documents it merges; any other unknown
# is one unknown statement.
else := [{"statement": _block(s)} |
	some s in tf_encryption.statements(x)
] if core.is_unknown(x)

_block(s) := s if core.is_unknown(s)

else := object.union(s, {"sid": "", "not_principal": false, "not_actions": []})

# normal turns a JSON statement into the normal form.
normal(s) := s if core.is_unknown(s)

else := {
	"sid": object.get(s, "Sid", ""),
	"effect": object.get(s, "Effect", null),
	"principals": _json_principals(object.get(s, "Principal", null)),
	"not_principal": object.get(s, "NotPrincipal", null) != null,
	"actions": encryption.as_list(object.get(s, "Action", [])),
	"not_actions": encryption.as_list(object.get(s, "NotAction", [])),
	"conditions": _json_conditions(object.get(s, "Condition", {})),
} if is_object(s)

_json_principals(p) := [{"type": "*", "identifiers": ["*"]}] if p == "*"

else := [{"type": t, "identifiers": encryption.as_list(ids)} | some t, ids in p] if {
	is_object(p)
	not core.is_unknown(p)
} else := [p] if core.is_unknown(p)

else := []

_json_conditions(c) := c if core.is_unknown(c)

else := [{"test": test, "variable": variable, "values": encryption.as_list(values)} |
	some test, by_key in c
	is_object(by_key)
	some variable, values in by_key
] if is_object(c)

else := []

# public holds for a statement of entries that allows everyone and is not
# narrowed by its own condition, nor fenced by a Deny of the same
# document that turns away every caller outside a network, account or
# organisation.
public(s, entries) if {
	is_object(s)
	not core.is_unknown(s)
	_allow(s.effect)
	everyone(s)
	not narrowed(s)
	not _fenced(s, entries)
}

_allow(e) if {
	is_string(e)
	lower(e) == "allow"
}

# everyone holds for Principal "*", {"AWS": "*"} (or a list holding "*"),
# and for Allow with NotPrincipal: every principal but those named.
everyone(s) if {
	some p in s.principals
	is_object(p)
	p.type in {"*", "AWS"}
	some id in encryption.as_list(p.identifiers)
	id == "*"
}

everyone(s) if s.not_principal == true

# narrowed holds when a condition of s limits who can use the grant, or
# may: an unknown condition may be anything.
narrowed(s) if core.is_unknown(s.conditions)

narrowed(s) if {
	some c in s.conditions
	narrowing(c)
}

narrowing(c) if core.is_unknown(c)

narrowing(c) if core.is_unknown(c.test)

narrowing(c) if core.is_unknown(c.variable)

narrowing(c) if {
	is_string(c.test)
	is_string(c.variable)
	_positive_operator(c.test)
	lower(c.variable) in narrowing_keys
	not _matches_anything(c.values)
}

# narrowing_keys are the condition keys that tie a request to an account,
# an organisation, a network or a source resource (all lower case: IAM
# compares keys case-insensitively).
narrowing_keys := {
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner",
	"aws:sourcevpce", "aws:sourcevpc", "aws:sourceip",
	"aws:sourceorgid", "aws:sourceorgpaths",
	"aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
	"aws:principalservicename", "aws:userid",
	"aws:vpceaccount", "aws:vpceorgid", "aws:vpceorgpaths",
	"kms:calleraccount",
}

# Operators that require the key to be present with a matching value.
# IfExists matches requests without the key, ForAllValues matches a
# missing key too, and negated operators match everything else: none of
# them narrows.
_positive_operator(op) if {
	base := trim_prefix(op, "ForAnyValue:")
	base in {"StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "IpAddress"}
}

# A value that matches any caller ("*", 0.0.0.0/0) narrows nothing. An
# unknown value is taken as narrowing.
_matches_anything(values) if {
	count(values) > 0
	every v in values {
		_wildcard_value(v)
	}
}

_wildcard_value(v) if v == "*"

_wildcard_value(v) if {
	is_string(v)
	regex.match(`^[0-9A-Fa-f:.]+/0+$`, v)
}

# _fenced holds when a Deny statement for everyone (or an unknown
# principal) in the same document refuses the requests of s that come
# from outside a network, account or organisation: a negated condition on
# a narrowing key (StringNotEquals aws:SourceVpce ...), over actions that
# cover those of s.
_fenced(_, entries) if {
	some e in entries
	core.is_unknown(e.statement)
}

_fenced(s, entries) if {
	some e in entries
	d := e.statement
	is_object(d)
	not core.is_unknown(d)
	_deny(d.effect)
	_deny_everyone(d)
	_negated_narrowing(d)
	_covers_actions(d, s)
}

# A Deny with NotPrincipal refuses every caller but the principals it
# names: the grant is limited to those, whatever its condition.
_fenced(s, entries) if {
	some e in entries
	d := e.statement
	is_object(d)
	not core.is_unknown(d)
	_deny(d.effect)
	d.not_principal == true
	count(d.conditions) == 0
	_covers_actions(d, s)
}

_deny(e) if core.is_unknown(e)

_deny(e) if {
	is_string(e)
	lower(e) == "deny"
}

_deny_everyone(d) if everyone(d)

_deny_everyone(d) if {
	some p in d.principals
	core.is_unknown(p)
}

_negated_narrowing(d) if core.is_unknown(d.conditions)

_negated_narrowing(d) if {
	some c in d.conditions
	is_object(c)
	is_string(c.test)
	base := trim_suffix(trim_prefix(c.test, "ForAnyValue:"), "IfExists")
	base in {"StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "ArnNotEquals", "ArnNotLike", "NotIpAddress"}
	is_string(c.variable)
	lower(c.variable) in narrowing_keys
}

_negated_narrowing(d) if {
	some c in d.conditions
	core.is_unknown(c)
}

# Every action of s is matched by an action of the Deny (or the Deny's
# actions are unknown).
_covers_actions(d, s) if {
	count(s.not_actions) == 0
	every a in s.actions {
		_deny_matches(d, a)
	}
}

_deny_matches(d, _) if {
	some p in d.actions
	core.is_unknown(p)
}

_deny_matches(d, a) if {
	is_string(a)
	some p in d.actions
	is_string(p)
	glob.match(lower(p), [], lower(a))
}

# grants holds when statement s allows some action matching pattern (a
# lower-case action such as "s3:getobject"): an Action entry that matches
# it, or a NotAction that does not exclude it.
grants(s, action) if {
	some a in s.actions
	is_string(a)
	glob.match(lower(a), [], action)
}

grants(s, action) if {
	count(s.not_actions) > 0
	every a in s.not_actions {
		is_string(a)
		not glob.match(lower(a), [], action)
	}
}

# describe_actions spells the actions of s for a message.
describe_actions(s) := concat(", ", [a | some a in s.actions; is_string(a)]) if count(s.actions) > 0

else := sprintf("every action but %s", [concat(", ", [a | some a in s.not_actions; is_string(a)])])

# describe_principal spells how s names everyone.
describe_principal(s) := "NotPrincipal" if s.not_principal == true

else := "Principal \"*\""

_resource(v) := object.remove(v, ["values", "fields", "paths"])

# finding is view.field_finding for public statement p of document d,
# with the data source statements it comes from as related locations.
finding(d, p, msg) := f if {
	count(p.related) == 0
	f := view.field_finding(d.resource, {"path": p.path}, msg, {})
} else := object.union(view.field_finding(d.resource, {"path": p.path}, msg, {}), {"related": p.related})

# --- S3 action families ---------------------------------------------------------

# s3_families maps each family of S3 actions to actions that stand for it:
# a statement grants the family when one of its actions (or wildcards)
# matches one of these.
s3_families := {
	"read": {"s3:getobject", "s3:getobjectversion"},
	"list": {"s3:listbucket", "s3:listbucketversions", "s3:listbucketmultipartuploads", "s3:getbucketpolicy", "s3:getbucketacl"},
	"write": {"s3:putobject", "s3:putobjectacl", "s3:deleteobject", "s3:deleteobjectversion", "s3:restoreobject", "s3:abortmultipartupload", "s3:replicateobject"},
	"admin": {
		"s3:putbucketpolicy", "s3:deletebucketpolicy", "s3:putbucketacl", "s3:deletebucket",
		"s3:putbucketpublicaccessblock", "s3:putencryptionconfiguration", "s3:putlifecycleconfiguration",
		"s3:putbucketversioning", "s3:putreplicationconfiguration", "s3:putbucketownershipcontrols",
		"s3:bypassgovernanceretention",
	},
}

# s3_family_words say what each family lets everyone do, for messages.
s3_family_words := {
	"read": "read objects",
	"list": "list the bucket or read its configuration",
	"write": "write or delete objects",
	"admin": "administer the bucket (its policy, ACL, encryption, lifecycle or the bucket itself)",
}

# s3_grants holds when statement s grants action family f.
s3_grants(s, f) if {
	some a in s3_families[f]
	grants(s, a)
}

# s3_public returns the public statements of bucket policies with the
# families they grant, as {"document", "path", "statement", "families"}:
# the families are sorted so messages are deterministic.
s3_public contains {"document": d, "path": p.path, "statement": p.statement, "families": fs, "related": p.related} if {
	some d in documents
	d.service == "s3"
	not _directory_bucket(d)
	some p in public_statements(d)
	fs := [f | some f in ["read", "list", "write", "admin"]; s3_grants(p.statement, f)]
	count(fs) > 0
}

# A directory bucket (S3 Express) is governed by s3express:* actions and
# has no public access: AWS refuses public policies for it.
_directory_bucket(d) if {
	d.resource.type == "aws_s3_bucket_policy"
	tf_encryption.references_type(object.get(view.raw(d.resource).values, "bucket", null), "aws_s3_directory_bucket")
}

# s3_message describes the families fs out of wanted that statement s
# grants to everyone.
s3_message(s, fs, wanted) := sprintf("bucket policy statement%s allows everyone (%s) to %s (%s), with no condition that narrows the callers (aws:SourceVpce, aws:SourceIp, aws:PrincipalOrgID, aws:SourceArn ...)", [
	_sid(s),
	describe_principal(s),
	concat(" and ", [s3_family_words[f] | some f in fs; f in wanted]),
	describe_actions(s),
])

_sid(s) := sprintf(" %q", [s.sid]) if {
	is_string(s.sid)
	s.sid != ""
} else := ""

# message describes a public statement s of a policy for service.
message(service, s) := sprintf("%s statement%s allows everyone (%s) %s, with no condition that narrows the callers (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce ...)", [
	_policy_words[service],
	_sid(s),
	describe_principal(s),
	describe_actions(s),
])

_policy_words := {
	"s3": "bucket policy",
	"sqs": "SQS queue policy",
	"sns": "SNS topic policy",
	"ecr": "ECR repository policy",
	"kms": "KMS key policy",
	"secretsmanager": "Secrets Manager resource policy",
	"glacier": "Glacier vault access policy",
	"sts": "role trust policy",
}
