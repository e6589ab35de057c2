# METADATA
# title: S3 bucket blocks public access
# description: >-
#   S3 Block Public Access overrides any ACL or bucket policy that would make
#   the bucket or its objects public. Since April 2023 new buckets are
#   created with all four settings on, but only an explicit configuration in
#   the template keeps a later ACL, policy or console change from exposing
#   the bucket, and stack updates of older buckets keep whatever they had.
#   Every AWS::S3::Bucket needs PublicAccessBlockConfiguration with
#   BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and
#   RestrictPublicBuckets true (a setting left out of the configuration is
#   false). Medium severity: a bucket without the setting is not public by
#   itself, a false setting only lets a later grant take effect.
# custom:
#   id: aws-s3-bucket-public-access-block
#   severity: medium
#   theme: public-access
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::S3::Bucket", "aws_s3_account_public_access_block", "aws_s3_bucket", "aws_s3_bucket_public_access_block"]
#   remediation: >-
#     Set PublicAccessBlockConfiguration to {BlockPublicAcls: true,
#     BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets:
#     true} (CDK: blockPublicAccess: BlockPublicAccess.BLOCK_ALL).
package tollgate.aws.s3_bucket_public_access_block

import rego.v1

import data.tollgate.lib.aws.s3
import data.tollgate.lib.encryption
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set PublicAccessBlockConfiguration to {BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true} (CDK: blockPublicAccess: BlockPublicAccess.BLOCK_ALL).",
	"terraform": "Add an aws_s3_bucket_public_access_block with bucket = the bucket's id and block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all set to true (or an aws_s3_account_public_access_block with the four set to true).",
}

deny contains f if {
	some b in s3.buckets
	not view.has(b, "public_access_block")
	f := view.finding(b, "public_access_block", sprintf("bucket has no %s: a later ACL or bucket policy can make it public", [view.spelled(b, "public_access_block")]), fix)
}

deny contains f if {
	some b in s3.public_access_blocks
	some s in s3.settings
	encryption.unset_or_false(view.value_or(b, s, false))
	f := view.finding(b, s, sprintf("%s is not true", [view.spelled(b, s)]), fix)
}
