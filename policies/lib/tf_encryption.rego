# METADATA
# description: >-
#   Helpers for Terraform encryption rules: joining settings resources to the
#   resource they configure, KMS key references, IAM policy documents written
#   as JSON or as aws_iam_policy_document data sources, and account-level
#   EBS encryption by default.
package tollgate.lib.tf_encryption

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.tf

# names holds when value x (a `bucket`, `function_name`... argument) names the
# resource r: a reference to r's instance, to the whole resource (plans keep
# config addresses without instance keys, and `aws_s3_bucket.b.id` on a
# resource without count names its only instance), to any instance of a
# resource whose count/for_each is unknown (`addr[*]`), or a literal equal to
# r's name attribute.
names(x, r, _) if ref_names(x.ref, r.address)

names(x, r, _) if {
	some ref in x.refs
	ref_names(ref, r.address)
}

names(x, r, name_attr) if {
	is_string(x)
	x != ""
	tf.value(r, [name_attr], null) == x
}

ref_names(ref, address) if ref == address

ref_names(ref, address) if {
	is_string(ref)
	ref == tf.base_address(address)
}

ref_names(ref, address) if {
	is_string(ref)
	endswith(address, "[*]")
	tf.base_address(ref) == tf.base_address(address)
}

# may_name_any holds for a value that cannot be resolved and does not
# reference a managed resource of the type in this document (a variable
# without value, a data source, an unresolved module output): it may name
# any resource, so no resource may be said to lack the setting.
may_name_any(x, type) if {
	core.is_unknown(x)
	not references_type(x, type)
}

references_type(x, type) if {
	some r in tf.resources(type)
	ref_names(x.ref, r.address)
}

references_type(x, type) if {
	some ref in x.refs
	some r in tf.resources(type)
	ref_names(ref, r.address)
}

# configured holds when some resource of settings_type configures r through
# its attribute attr (or may configure it, see may_name_any). It builds the
# index each time: a rule asking for many resources binds setting_index to
# a rule of its own and asks configured_in.
configured(r, settings_type, attr, name_attr) if {
	configured_in(setting_index(settings_type, attr, r.type), r, name_attr)
}

# setting_index is what the resources of settings_type name through attr
# (aws_s3_bucket_versioning's bucket), computed once: asking `configured`
# for each of n buckets scanned every settings resource per bucket, and
# every bucket per unresolved value, which made 600 buckets cost seconds.
# Functions are not memoised, so bind it to a rule
# (`_idx := tf_encryption.setting_index(...)`). target_type is the type the
# settings configure: an unknown value that names none of its resources
# may name any (may_name_any).
setting_index(settings_type, attr, target_type) := value_index(
	[x | some s in tf.resources(settings_type); x := tf.value(s, [attr], null)],
	target_type,
)

# value_index is setting_index over values gathered by the caller (the
# buckets a log delivery policy names): the references (whole addresses and
# without their instance keys), the literal names, and whether some value
# cannot be resolved to a resource of target_type (it may name any).
value_index(values, target_type) := {
	"refs": refs,
	"bases": {tf.base_address(r) | some r in refs},
	"names": {x | some x in values; is_string(x); x != ""},
	"any": count({x | some x in values; _may_name_any_of(x, targets)}) > 0,
} if {
	refs := {r | some x in values; some r in unknown_refs(x)}
	addresses := {r.address | some r in tf.resources(target_type)}
	targets := {
		"addresses": addresses,
		"bases": {tf.base_address(a) | some a in addresses},
		"counted": {tf.base_address(a) | some a in addresses; endswith(a, "[*]")},
	}
}

_may_name_any_of(x, targets) if {
	core.is_unknown(x)
	every r in unknown_refs(x) {
		not _names_target(r, targets)
	}
}

# _names_target is ref_names against every target at once.
_names_target(ref, targets) if ref in targets.addresses

_names_target(ref, targets) if ref in targets.bases

_names_target(ref, targets) if tf.base_address(ref) in targets.counted

# configured_in holds when a value of the index names resource r (as names
# does) or may name any resource.
configured_in(idx, r, name_attr) if named_in(idx, r, name_attr)

configured_in(idx, _, _) if idx.any

# named_in holds when a value of the index names resource r, leaving out
# the values that may name any (a policy that may grant any bucket is not
# evidence that this one receives logs).
named_in(idx, r, _) if r.address in idx.refs

named_in(idx, r, _) if tf.base_address(r.address) in idx.refs

named_in(idx, r, _) if {
	endswith(r.address, "[*]")
	tf.base_address(r.address) in idx.bases
}

named_in(idx, r, name_attr) if {
	name := tf.value(r, [name_attr], null)
	is_string(name)
	name in idx.names
}

# data_sources returns the data source instances an unknown refers to
# (several when a plan names a counted data source by its config address).
data_sources(x, type) := [d |
	core.is_unknown(x)
	some d in input.resources
	d.mode == "data"
	d.type == type
	ref_names(x.ref, d.address)
]

# aws_managed_key holds for a literal AWS-managed alias (alias/aws/<service>),
# an expression that spells one, or a reference to an aws_kms_alias or
# aws_kms_key data source that looks one up.
aws_managed_key(x) if encryption.aws_managed_key(x)

aws_managed_key(x) if {
	some d in data_sources(x, "aws_kms_alias")
	encryption.aws_managed_key(tf.value(d, ["name"], null))
}

aws_managed_key(x) if {
	some d in data_sources(x, "aws_kms_key")
	encryption.aws_managed_key(tf.value(d, ["key_id"], null))
}

# customer_key holds for a key argument that is set (not null, not "") and
# is not an AWS-managed key. Unknowns (aws_kms_key.k.arn, a variable) are
# taken as customer-managed.
customer_key(x) if {
	x != null
	x != ""
	not aws_managed_key(x)
}

# ebs_encrypted_by_default holds when the configuration turns on EBS
# encryption by default for the region of provider p: then every new volume
# is encrypted whatever its own argument says. `enabled` defaults to true;
# an unknown may be true.
ebs_encrypted_by_default(p) if {
	some d in tf.resources("aws_ebs_encryption_by_default")
	d.provider == p
	not core.is_false(tf.value(d, ["enabled"], true))
}

# Policy documents.
#
# statements returns the statements of a policy argument in one shape:
# {"effect", "principals": [{"type", "identifiers"}], "actions",
# "conditions": [{"test", "variable", "values"}]}, or unknown markers for
# statements that cannot be read. A JSON string is parsed; a reference to an
# aws_iam_policy_document data source is read from the data source's blocks;
# any other unknown yields one unknown statement.
statements(x) := literal_statements(x) if not core.is_unknown(x)

statements(x) := [s |
	some d in data_sources(x, "aws_iam_policy_document")
	some s in document_statements(d)
] if count(data_sources(x, "aws_iam_policy_document")) > 0

# A jsonencode whose text is unknown only in places (an interpolated ARN)
# carries the known structure in "json": read the statements from it.
statements(x) := json_statements(x.json) if {
	core.is_unknown(x)
	has_partial_json(x)
}

statements(x) := [x] if {
	core.is_unknown(x)
	not has_partial_json(x)
	count(data_sources(x, "aws_iam_policy_document")) == 0
}

has_partial_json(x) if is_object(x.json)

json_statements(doc) := [normal_json_statement(s) | some s in encryption.statements(doc)] if is_object(doc)

json_statements(doc) := [] if not is_object(doc)

normal_json_statement(s) := s if core.is_unknown(s)

normal_json_statement(s) := {
	"effect": object.get(s, "Effect", "Allow"),
	"principals": json_principals(object.get(s, "Principal", null)),
	"actions": encryption.as_list(object.get(s, "Action", [])),
	"conditions": json_conditions(object.get(s, "Condition", {})),
} if {
	is_object(s)
	not core.is_unknown(s)
}

json_principals(p) := [{"type": "*", "identifiers": ["*"]}] if p == "*"

json_principals(p) := [{"type": t, "identifiers": encryption.as_list(ids)} | some t, ids in p] if is_object(p)

json_principals(p) := [] if {
	not p == "*"
	not is_object(p)
}

json_conditions(c) := [{"test": test, "variable": variable, "values": encryption.as_list(values)} |
	some test, by_key in c
	is_object(by_key)
	some variable, values in by_key
] if is_object(c)

json_conditions(c) := [] if not is_object(c)

# document_statements reads an aws_iam_policy_document data source: its
# statement blocks plus the statements of source and override documents.
# A source that is another data source's json is followed one level when
# the reference is all it can hold (see expandable_source).
document_statements(d) := array.concat(
	[normal_block_statement(s) | some s in tf.value(d, ["statement"], [])],
	[s |
		some key in _source_keys
		some doc in encryption.as_list(tf.value(d, [key], []))
		some s in _source_statements(d, doc)
	],
)

_source_keys := ["source_policy_documents", "override_policy_documents", "source_json", "override_json"]

# own_statements reads a data source without following its sources: an
# unknown source stays one unknown statement.
own_statements(d) := array.concat(
	[normal_block_statement(s) | some s in tf.value(d, ["statement"], [])],
	[s |
		some key in _source_keys
		some doc in encryption.as_list(tf.value(d, [key], []))
		some s in literal_statements(doc)
	],
)

_source_statements(_, doc) := literal_statements(doc) if not core.is_unknown(doc)

_source_statements(d, doc) := [s |
	some a in unknown_refs(doc)
	some r in input.resources
	r.address == a
	some s in own_statements(r)
] if expandable_source(d, doc)

_source_statements(d, doc) := [doc] if {
	core.is_unknown(doc)
	not expandable_source(d, doc)
}

# unknown_refs are the addresses an unknown value was built from.
unknown_refs(x) := {x.ref} if is_string(x.ref)

else := {r | some r in x.refs} if is_array(x.refs)

else := set()

# expandable_source holds when an unknown source document of d (a
# function over a list collapses to one unknown: compact([cond ? data.a.json
# : "", ...]) in terraform-aws-modules/s3-bucket) can hold nothing but the
# json of the aws_iam_policy_document data sources it refers to: every
# reference is such a data source, the expression writes no document
# itself, and every variable it reads holds no document (a flag, null or
# "", or a reference among those data sources). A literal policy passed
# through a variable would be lost in the collapse, so it keeps the source
# unknown.
expandable_source(d, doc) if {
	core.is_unknown(doc)
	not doc.sensitive
	not has_partial_json(doc)
	_json_attribute(doc)
	refs := unknown_refs(doc)
	count(refs) > 0
	every a in refs {
		a != d.address
		_policy_document_address(a)
	}
	is_string(doc.expr)
	not regex.match(`(file|templatefile|jsonencode)\(|<<|\$\{|"\s*\{|(^|[^a-zA-Z0-9_.])(local|module|each|self|path|terraform)\.`, doc.expr)
	every t in regex.find_n(`(^|[^a-zA-Z0-9_.])data\.[a-zA-Z0-9_-]+\.`, doc.expr, -1) {
		endswith(t, "data.aws_iam_policy_document.")
	}
	every name in _expr_variables(doc.expr) {
		_inert(_variable_value(d.module, name), refs)
	}
}

_json_attribute(doc) if not doc.attribute

_json_attribute(doc) if doc.attribute in {"json", "minified_json"}

_policy_document_address(a) if a in _policy_document_addresses

# Built once per document: _policy_document_address is asked for every
# reference of every unknown policy.
_policy_document_addresses contains r.address if {
	some r in input.resources
	r.mode == "data"
	r.type == "aws_iam_policy_document"
}

_expr_variables(e) := {substring(t, indexof(t, "var.") + 4, -1) |
	some t in regex.find_n(`(^|[^a-zA-Z0-9_.])var\.[a-zA-Z0-9_-]+`, e, -1)
}

# _variable_value is a module variable's value: the call's argument, else
# its default. Root variables may come from tfvars: undefined.
_variable_value(module, name) := v if {
	module != ""
	some c in _module_calls[module]
	is_object(c.values)
	v := c.values[name]
} else := v if {
	module != ""
	some c in _module_calls[module]
	is_object(c.values)
	not name in object.keys(c.values)
	some var in _module_variables[module]
	var.name == name
	var.has_default
	v := var.default
}

# The module calls by address and the variables by module, built once per
# document: _variable_value is asked for every variable an unknown policy
# reads, and scanning all calls and variables each time made large root
# modules quadratic.
_module_calls[c.address] contains c if some c in input.module_calls

_module_variables[v.module] contains v if some v in input.variables

_inert(v, _) if is_boolean(v)

_inert(v, _) if is_number(v)

_inert(null, _)

_inert("", _)

_inert(v, refs) if {
	core.is_unknown(v)
	not v.sensitive
	vrefs := unknown_refs(v)
	count(vrefs) > 0
	every a in vrefs {
		a in refs
	}
}

# literal_statements reads a JSON string; an unknown (often another data
# source's json, which is not followed further) is one unknown statement.
literal_statements(x) := [s |
	is_string(x)
	json.is_valid(x)
	some s in json_statements(json.unmarshal(x))
] if not core.is_unknown(x)

literal_statements(x) := [x] if core.is_unknown(x)

normal_block_statement(s) := s if core.is_unknown(s)

normal_block_statement(s) := {
	"effect": object.get(s, "effect", "Allow"),
	"principals": [p |
		some p in object.get(s, "principals", [])
	],
	"actions": encryption.as_list(object.get(s, "actions", [])),
	"conditions": object.get(s, "condition", []),
} if {
	is_object(s)
	not core.is_unknown(s)
}

# denies_insecure_transport holds for a statement that denies every principal
# every S3 action when aws:SecureTransport is false (Bool or BoolIfExists).
# Unknown parts count as matching: they may well be the right values.
denies_insecure_transport(s) if core.is_unknown(s)

denies_insecure_transport(s) if {
	not core.is_unknown(s)
	deny_effect(s.effect)
	every_principal(s.principals)
	some a in s.actions
	s3_wildcard(a)
	some c in conditions(s)
	bool_operator(object.get(c, "test", ""))
	variable_is_secure_transport(object.get(c, "variable", ""))
	some v in encryption.as_list(object.get(c, "values", []))
	false_or_unknown(v)
}

conditions(s) := [c | some c in s.conditions; is_object(c)] if is_array(s.conditions)

conditions(s) := [{"test": s.conditions, "variable": s.conditions, "values": [s.conditions]}] if core.is_unknown(s.conditions)

deny_effect(e) if core.is_unknown(e)

deny_effect(e) if {
	is_string(e)
	lower(e) == "deny"
}

every_principal(ps) if core.is_unknown(ps)

every_principal(ps) if {
	is_array(ps)
	some p in ps
	principal_is_everyone(p)
}

principal_is_everyone(p) if core.is_unknown(p)

principal_is_everyone(p) if {
	is_object(p)
	not core.is_unknown(p)
	type_everyone(object.get(p, "type", ""))
	some id in encryption.as_list(object.get(p, "identifiers", []))
	wildcard_or_unknown(id)
}

type_everyone(t) if core.is_unknown(t)

type_everyone(t) if t in {"*", "AWS"}

wildcard_or_unknown(x) if x == "*"

wildcard_or_unknown(x) if core.is_unknown(x)

s3_wildcard(a) if core.is_unknown(a)

s3_wildcard(a) if {
	is_string(a)
	lower(a) in {"s3:*", "*"}
}

bool_operator(t) if core.is_unknown(t)

bool_operator(t) if t in {"Bool", "BoolIfExists"}

variable_is_secure_transport(v) if core.is_unknown(v)

variable_is_secure_transport(v) if {
	is_string(v)
	lower(v) == "aws:securetransport"
}

false_or_unknown(v) if core.is_false(v)

false_or_unknown(v) if core.is_unknown(v)

# unknown_jsonencode_without holds for a policy written as a jsonencode
# literal that is unknown only because it interpolates resource attributes
# (usually the bucket ARN) and whose text never mentions one of words: no
# statement can come from elsewhere, so none mentions it. Variables, locals, data
# sources, module outputs and each/count values may carry statements and
# make the text inconclusive.
unknown_jsonencode_without(x, words) if {
	core.is_unknown(x)
	not has_partial_json(x)
	is_string(x.expr)
	e := lower(x.expr)
	startswith(e, "jsonencode(")
	some word in words
	not contains(e, lower(word))
	not regex.match(`(^|[^a-z0-9_.])(var|local|data|module|each|count|self)\.`, e)
}
