# METADATA
# title: S3 bucket policies do not let everyone read or list the bucket
# description: >-
#   A bucket policy statement with Effect Allow for Principal "*" (or
#   {"AWS": "*"}, or NotPrincipal) lets anyone on the internet, signed in to
#   any AWS account or not, use the actions it names. Reported per
#   statement when it grants reading objects (s3:GetObject...) or listing
#   the bucket and reading its configuration (s3:ListBucket,
#   s3:GetBucketPolicy...), and no condition narrows the callers to an
#   account, organisation, network or source resource (aws:SourceVpce,
#   aws:SourceVpc, aws:SourceIp, aws:PrincipalOrgID, aws:PrincipalAccount,
#   aws:SourceArn, aws:SourceAccount... with a positive operator; IfExists,
#   ForAllValues and negated operators do not narrow). A Deny for everyone
#   in the same policy with a negated condition on such a key (StringNotEquals
#   aws:SourceVpce), or a Deny with NotPrincipal, over the same actions
#   fences the grant. Public write and
#   administration are aws-s3-bucket-policy-public-write. A public website
#   bucket is reported too: serve it through CloudFront with origin access
#   control instead, or waive the finding with the reason. Statements,
#   principals, actions or conditions that are unknown until deployment are
#   not reported.
# custom:
#   id: aws-s3-bucket-policy-public-read
#   severity: medium
#   theme: public-access
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::S3::BucketPolicy", "aws_s3_bucket", "aws_s3_bucket_policy"]
#   remediation: >-
#     Name the principals that need the bucket (account or role ARNs), or
#     add a condition that narrows the callers (aws:SourceVpce,
#     aws:PrincipalOrgID, aws:SourceArn of the CloudFront distribution); to
#     publish a website, keep the bucket private and serve it through
#     CloudFront with origin access control.
package tollgate.aws.s3_bucket_policy_public_read

import rego.v1

import data.tollgate.lib.aws.resource_policies as rp

families := {"read", "list"}

deny contains f if {
	some p in rp.s3_public
	some fam in p.families
	fam in families
	f := rp.finding(p.document, p, rp.s3_message(p.statement, p.families, families))
}
