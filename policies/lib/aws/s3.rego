# METADATA
# description: S3 buckets and their public access blocks as one view (see lib/view.rego).
package tollgate.lib.aws.s3

import rego.v1

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

else if tf_encryption.configured(view.raw(b), "aws_s3_bucket_public_access_block", "bucket", "bucket")

else := null

# public_access_blocks are the blocks whose four settings the controls
# check: the PublicAccessBlockConfiguration of a CloudFormation bucket, an
# aws_s3_bucket_public_access_block in Terraform (none when the account's
# block applies: S3 uses the most restrictive of the two).
public_access_blocks := {k: b |
	some k, b in view.resources({
		"cloudformation": {"type": "AWS::S3::Bucket", "fields": {s: ["PublicAccessBlockConfiguration", p] | some s, p in _settings.cloudformation}},
		"terraform": {"type": "aws_s3_bucket_public_access_block", "fields": {s: [p] | some s, p in _settings.terraform}},
	})
	_checked(b)
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

_checked(b) if {
	b.family == "cloudformation"
	view.has(buckets[b.path[1]], "public_access_block")
}

_checked(b) if {
	b.family == "terraform"
	not account_blocked
}

# account_blocked holds when the configuration turns on all four settings
# for the whole account. An unknown setting may be true.
account_blocked if {
	some a in view.of_type("aws_s3_account_public_access_block")
	every s in settings {
		not encryption.unset_or_false(view.or_else(view.get(a.values, [s]), false))
	}
}
