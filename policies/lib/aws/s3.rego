# METADATA
# description: S3 buckets and their public access blocks as one view (see lib/view.rego).
package tollgate.lib.aws.s3

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.view

# buckets: public_access_block is set when a public access block applies
# to the bucket. CloudFormation writes it on the bucket; Terraform in an
# aws_s3_bucket_public_access_block that names the bucket, or for the whole
# account (then reported at the bucket, spelled as the resource type).
buckets := {k: public_access_block(b) | some k, b in view.resources({
	"cloudformation": {"type": "AWS::S3::Bucket", "fields": {"public_access_block": ["PublicAccessBlockConfiguration"]}},
	"terraform": {"type": "aws_s3_bucket"},
})}

public_access_block(b) := view.with_resource_field(b, "public_access_block", _tf_block(b), "aws_s3_bucket_public_access_block") if {
	b.family == "terraform"
} else := b

_tf_block(b) if account_blocked

else if tf_encryption.configured_in(_tf_block_index, view.raw(b), "bucket")

else := null

# public_access_blocks are the blocks whose four settings the controls
# check: the PublicAccessBlockConfiguration of a CloudFormation bucket, an
# aws_s3_bucket_public_access_block in Terraform (none when the account's
# block applies: S3 uses the most restrictive of the two).
public_access_blocks := object.union(
	{k: view.with_paths(b, _setting_paths.cloudformation) |
		some k, b in buckets
		b.family == "cloudformation"
		view.has(b, "public_access_block")
	},
	{k: b |
		not account_blocked
		some k, b in view.resources({"terraform": {"type": "aws_s3_bucket_public_access_block", "fields": _setting_paths.terraform}})
	},
)

_setting_paths := {family: {s: array.concat(prefix, [p]) | some s, p in _settings[family]} |
	some family, prefix in {"cloudformation": ["PublicAccessBlockConfiguration"], "terraform": []}
}

# settings are the four switches, by field name.
settings := object.keys(_settings.terraform)

_settings := {
	"cloudformation": {
		"block_public_acls": "BlockPublicAcls",
		"block_public_policy": "BlockPublicPolicy",
		"ignore_public_acls": "IgnorePublicAcls",
		"restrict_public_buckets": "RestrictPublicBuckets",
	},
	"terraform": {s: s | some s in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]},
}

# account_blocked holds when the configuration turns on all four settings
# for the whole account. An unknown setting may be true.
account_blocked if {
	some a in view.by_type["aws_s3_account_public_access_block"]
	every s in settings {
		not encryption.unset_or_false(view.or_else(view.get(a.values, [s]), false))
	}
}

# --- bucket policies ----------------------------------------------------------

# has_bucket_policy holds when a bucket policy of the document applies to
# bucket b, or may: one whose bucket cannot be resolved to another bucket.
# Terraform also accepts the bucket's own (legacy) policy argument.
has_bucket_policy(b) if {
	b.family == "cloudformation"
	b.resource in _cfn_policy_refs
}

has_bucket_policy(b) if {
	b.family == "cloudformation"
	name := view.get(b.values, ["BucketName"])
	is_string(name)
	name in _cfn_policy_names
}

has_bucket_policy(b) if {
	b.family == "cloudformation"
	_cfn_policy_may_name_any
}

has_bucket_policy(b) if {
	b.family == "terraform"
	view.get(b.values, ["policy"]) != null
}

has_bucket_policy(b) if {
	b.family == "terraform"
	tf_encryption.configured_in(_tf_policy_index, view.raw(b), "bucket")
}

_tf_block_index := tf_encryption.setting_index("aws_s3_bucket_public_access_block", "bucket", "aws_s3_bucket")

_tf_policy_index := tf_encryption.setting_index("aws_s3_bucket_policy", "bucket", "aws_s3_bucket")

_cfn_bucket_policies := view.of_type("AWS::S3::BucketPolicy")

# What the BucketPolicies' Bucket values name, computed once per document
# (a check per bucket and policy pair was quadratic, and cubic with the
# resource list rebuilt each time): the resources they Ref or GetAtt, the
# literal BucketNames they give, and whether one cannot be resolved and is
# no reference to a resource of the template (a parameter, an import, a
# Sub over the account id), which may name any bucket.
_cfn_policy_buckets := [view.get(p.values, ["Bucket"]) | some p in _cfn_bucket_policies]

_cfn_policy_refs := {t.ref |
	some t in _cfn_policy_buckets
	core.is_unknown(t)
	is_string(t.ref)
}

_cfn_policy_names := {t |
	some t in _cfn_policy_buckets
	is_string(t)
}

_cfn_policy_may_name_any if {
	resources := object.keys(object.get(input, "Resources", {}))
	some t in _cfn_policy_buckets
	core.is_unknown(t)
	not object.get(t, "ref", "") in resources
}

# bucket_policies are the policies the TLS control reads: document is the
# policy document (a CloudFormation BucketPolicy's, an
# aws_s3_bucket_policy's or a bucket's own policy argument). A directory
# bucket's (S3 Express) is governed by s3express:* actions, not s3:*, and
# is left out like the bucket itself.
bucket_policies := {k: p |
	some k, p in view.resources({
		"cloudformation": {"type": "AWS::S3::BucketPolicy", "fields": {"document": ["PolicyDocument"]}},
		"terraform": {"type": ["aws_s3_bucket_policy", "aws_s3_bucket"], "fields": {"document": ["policy"], "bucket": ["bucket"]}},
	})
	not _directory_bucket_policy(p)
}

_directory_bucket_policy(p) if {
	p.type == "aws_s3_bucket_policy"
	tf_encryption.references_type(view.value(p, "bucket"), "aws_s3_directory_bucket")
}

_directory_bucket_policy(p) if {
	p.type == "aws_s3_bucket_policy"
	bucket := view.value_or(p, "bucket", "")
	is_string(bucket) # a reference is handled above
	endswith(bucket, "--x-s3")
}

# lacks_tls_deny holds when policy p has no statement that denies every
# principal s3:* when aws:SecureTransport is false. Unknown statements,
# principals, actions or values may be that statement. Each format reads
# its own document shape: CloudFormation's JSON (or a JSON string), and
# Terraform's JSON strings, jsonencode results and aws_iam_policy_document
# data sources (lib/tf_encryption.rego).
lacks_tls_deny(p) if {
	p.family == "cloudformation"
	not _cfn_enforces_tls(_cfn_document(view.value_or(p, "document", {})))
}

lacks_tls_deny(p) if {
	p.family == "terraform"
	policy := view.value(p, "document")
	policy != null
	not _tf_enforces_tls(policy)
}

lacks_tls_deny(p) if {
	p.family == "terraform"
	tf_encryption.unknown_jsonencode_without(view.value(p, "document"), ["aws:SecureTransport", "Deny"])
}

_tf_enforces_tls(policy) if {
	some s in tf_encryption.statements(policy)
	tf_encryption.denies_insecure_transport(s)
}

_cfn_document(doc) := json.unmarshal(doc) if {
	is_string(doc)
	json.is_valid(doc)
} else := doc

_cfn_enforces_tls(doc) if core.is_unknown(doc)

_cfn_enforces_tls(doc) if {
	some s in encryption.statements(doc)
	core.is_unknown(s)
}

_cfn_enforces_tls(doc) if {
	some s in encryption.statements(doc)
	is_object(s)
	_deny_effect(object.get(s, "Effect", ""))
	_all_principals_or_unknown(object.get(s, "Principal", null))
	some a in encryption.as_list(object.get(s, "Action", []))
	_s3_wildcard(a)
	some op in ["Bool", "BoolIfExists"]
	some v in encryption.as_list(encryption.condition_value(s, op, "aws:SecureTransport"))
	_false_or_unknown(v)
}

_deny_effect(e) if e == "Deny"

_deny_effect(e) if core.is_unknown(e)

_all_principals_or_unknown(p) if encryption.all_principals(p)

_all_principals_or_unknown(p) if core.is_unknown(p)

_s3_wildcard(a) if {
	is_string(a)
	lower(a) in {"s3:*", "*"}
}

_s3_wildcard(a) if core.is_unknown(a)

_false_or_unknown(v) if core.is_false(v)

_false_or_unknown(v) if core.is_unknown(v)
