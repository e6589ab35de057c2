# METADATA
# title: S3 bucket blocks public access
# description: >-
#   S3 Block Public Access overrides any ACL or bucket policy that would make
#   the bucket or its objects public. Since April 2023 new buckets are
#   created with all four settings on, but only an explicit configuration
#   keeps a later ACL, policy or console change from exposing the bucket.
#   Every aws_s3_bucket needs an aws_s3_bucket_public_access_block joined to
#   it (by reference or by its literal bucket name) with block_public_acls,
#   block_public_policy, ignore_public_acls and restrict_public_buckets true
#   (each defaults to false); an aws_s3_account_public_access_block with all
#   four true in the configuration covers every bucket of the account. A
#   block whose bucket cannot be resolved may belong to any bucket, so no
#   bucket is then reported as lacking one. Medium severity: a bucket
#   without the setting is not public by itself, a false setting only lets a
#   later grant take effect.
# custom:
#   id: aws-s3-bucket-public-access-block
#   severity: medium
#   theme: public-access
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_s3_bucket", "aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"]
#   remediation: >-
#     Add an aws_s3_bucket_public_access_block with bucket = the bucket's id
#     and block_public_acls, block_public_policy, ignore_public_acls and
#     restrict_public_buckets all set to true (or an
#     aws_s3_account_public_access_block with the four set to true).
package tollgate.terraform.s3_bucket_public_access_block

import rego.v1

import data.tollgate.lib.encryption
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

deny contains f if {
	not account_blocked
	some i, b in tf.resources("aws_s3_bucket")
	not tf_encryption.configured(b, "aws_s3_bucket_public_access_block", "bucket", "bucket")
	f := tf.resource_finding(i, "bucket has no aws_s3_bucket_public_access_block: a later ACL or bucket policy can make it public")
}

deny contains f if {
	not account_blocked
	some i, r in tf.resources("aws_s3_bucket_public_access_block")
	some s in settings
	encryption.unset_or_false(tf.value(r, [s], false))
	f := tf.finding(i, [s], sprintf("%s is not true", [s]))
}

# account_blocked holds when the configuration turns on all four settings
# for the whole account: S3 applies the most restrictive of the account and
# bucket settings. An unknown setting may be true.
account_blocked if {
	some r in tf.resources("aws_s3_account_public_access_block")
	every s in settings {
		not encryption.unset_or_false(tf.value(r, [s], false))
	}
}
