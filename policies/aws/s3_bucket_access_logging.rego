# METADATA
# title: S3 buckets that hold data have server access logging
# description: >-
#   Server access logs record each request made to a bucket, who made it
#   and its result: the record SOC 2 and incident response need of who read
#   or changed data. CloudTrail logs object-level access only with paid data
#   events. Buckets that only receive logs or hold nothing are left out
#   (see aws-s3-bucket-versioning): a log target that logged its own access
#   would log forever.
# custom:
#   id: aws-s3-bucket-access-logging
#   severity: medium
#   theme: logging
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::S3::Bucket", "aws_s3_bucket"]
#   remediation: Set LoggingConfiguration with DestinationBucketName naming a log bucket.
package tollgate.aws.s3_bucket_access_logging

import rego.v1

import data.tollgate.lib.aws.s3
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set LoggingConfiguration with DestinationBucketName (a log bucket with AccessControl LogDeliveryWrite or a bucket policy for logging.s3.amazonaws.com) and a LogFilePrefix.",
	"terraform": "Add an aws_s3_bucket_logging with bucket = the bucket's id, target_bucket = a log bucket and a target_prefix.",
}

deny contains f if {
	some b in s3.data_buckets
	not s3.logged(b)
	fld := s3.logging_field(b)
	f := view.field_finding(b, fld, sprintf("bucket has no server access logging (%s)", [how[b.family]]), fix)
}

how := {
	"cloudformation": "LoggingConfiguration is not set",
	"terraform": "no aws_s3_bucket_logging names it",
}
