# METADATA
# title: S3 bucket policies do not let everyone write to or administer the bucket
# description: >-
#   A bucket policy statement with Effect Allow for Principal "*" (or
#   {"AWS": "*"}, or NotPrincipal) lets anyone on the internet use the
#   actions it names. Reported per statement when it grants writing or
#   deleting objects (s3:PutObject, s3:DeleteObject...) or administering
#   the bucket (s3:PutBucketPolicy, s3:PutBucketAcl, s3:DeleteBucket,
#   s3:PutEncryptionConfiguration...; s3:* and * grant both), and no
#   condition narrows the callers, as for aws-s3-bucket-policy-public-read
#   (which reports public reads and listings). Anyone could overwrite or
#   delete the data, plant content served from the bucket, or take the
#   bucket over. Statements, principals, actions or conditions that are
#   unknown until deployment are not reported.
# custom:
#   id: aws-s3-bucket-policy-public-write
#   severity: high
#   theme: public-access
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::S3::BucketPolicy", "aws_s3_bucket", "aws_s3_bucket_policy"]
#   remediation: >-
#     Grant write and administrative actions only to the principals that
#     need them (account or role ARNs), never to "*"; where a service writes
#     (CloudFront logs, CloudTrail), name its service principal and add
#     aws:SourceArn or aws:SourceAccount.
package tollgate.aws.s3_bucket_policy_public_write

import rego.v1

import data.tollgate.lib.aws.resource_policies as rp

families := {"write", "admin"}

deny contains f if {
	some p in rp.s3_public
	some fam in p.families
	fam in families
	f := rp.finding(p.document, p, rp.s3_message(p.statement, p.families, families))
}
