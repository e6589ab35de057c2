# METADATA
# title: S3 buckets that hold data are versioned
# description: >-
#   Versioning keeps every version of every object, so an overwrite or a
#   delete (by mistake, by a compromised credential, by ransomware) can be
#   undone; it is off unless enabled. Buckets that only receive logs or
#   reports, or hold nothing, are left out: access log targets
#   (LogDeliveryWrite or unknown ACLs, another bucket's logging
#   destination), buckets whose policy lets an AWS log delivery service
#   write to them, the load balancer, CloudTrail, CloudFront, VPC flow log
#   and AWS Config buckets of the same document and their replicas, and
#   redirect-only website buckets. A bucket with Object Lock is versioned.
# custom:
#   id: aws-s3-bucket-versioning
#   severity: medium
#   theme: backup
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::S3::Bucket", "aws_s3_bucket", "aws_s3_bucket_versioning"]
#   remediation: Set VersioningConfiguration.Status to Enabled.
package tollgate.aws.s3_bucket_versioning

import rego.v1

import data.tollgate.lib.aws.s3
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set VersioningConfiguration: {Status: Enabled} on the bucket.",
	"terraform": "Add an aws_s3_bucket_versioning with bucket = the bucket's id and versioning_configuration { status = \"Enabled\" }.",
}

deny contains f if {
	some b in s3.data_buckets
	fld := s3.unversioned(b)
	f := view.field_finding(b, fld, message(fld), fix)
}

deny contains f if {
	some s in s3.suspended_versioning
	f := view.field_finding(s.view, s.field, sprintf("bucket versioning is %s, not Enabled (%s)", [s.field.value, s.field.name]), fix)
}

message(fld) := "bucket is not versioned (no aws_s3_bucket_versioning names it)" if {
	fld.name == "aws_s3_bucket_versioning"
} else := sprintf("bucket is not versioned (%s is not set)", [fld.name]) if {
	fld.value == null
} else := sprintf("bucket is not versioned (%s is %v)", [fld.name, fld.value])
