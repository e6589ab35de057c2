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
#   formats: [cloudformation]
#   resource_types: ["AWS::S3::Bucket"]
#   remediation: >-
#     Set PublicAccessBlockConfiguration to {BlockPublicAcls: true,
#     BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets:
#     true} (CDK: blockPublicAccess: BlockPublicAccess.BLOCK_ALL).
package tollgate.cloudformation.s3_bucket_public_access_block

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

settings := ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]

deny contains f if {
	some name, b in cfn.resources("AWS::S3::Bucket")
	not cfn.has_prop(b, ["PublicAccessBlockConfiguration"])
	f := cfn.finding(name, ["PublicAccessBlockConfiguration"], "bucket has no PublicAccessBlockConfiguration: a later ACL or bucket policy can make it public")
}

deny contains f if {
	some name, b in cfn.resources("AWS::S3::Bucket")
	cfn.has_prop(b, ["PublicAccessBlockConfiguration"])
	some s in settings
	encryption.unset_or_false(encryption.prop(b, ["PublicAccessBlockConfiguration", s], false))
	f := cfn.finding(name, ["PublicAccessBlockConfiguration", s], sprintf("PublicAccessBlockConfiguration.%s is not true", [s]))
}
