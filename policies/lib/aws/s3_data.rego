# Which S3 buckets hold data, and their versioning and server access
# logging; part of the S3 view (s3.rego holds the package's annotations).
#
# A bucket holds data unless the document shows it receives logs or holds
# nothing at all:
#   - an access log target: AccessControl LogDeliveryWrite (Terraform acl
#     log-delivery-write, on the bucket or in an aws_s3_bucket_acl), or a
#     bucket another bucket's server access logging writes to;
#   - a log bucket named by reference or literal name as the destination of
#     load balancer access logs, a CloudTrail trail, CloudFront standard
#     logs or VPC flow logs of the same document;
#   - a website bucket that only redirects every request
#     (RedirectAllRequestsTo), which holds no objects.
# Versioning and access logging of log buckets are left out: their objects
# are written once by an AWS service (CloudTrail's integrity has its own
# controls), and a log target that logged its own access would log
# forever. A destination that cannot be resolved (a parameter, a variable)
# is not taken to name a bucket of the document: those are referenced by
# Ref or by their Terraform address.
package tollgate.lib.aws.s3

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.view

# data_buckets are the buckets that hold data, with the fields versioning
# (CloudFormation: the versioning status; Terraform: the legacy block's
# enabled) and logging (the logging configuration, Terraform's legacy
# block).
data_buckets := {k: b |
	some k, b in view.resources({
		"cloudformation": {"type": "AWS::S3::Bucket", "fields": {
			"versioning": ["VersioningConfiguration", "Status"],
			"logging": ["LoggingConfiguration"],
			"object_lock": ["ObjectLockEnabled"],
		}},
		"terraform": {"type": "aws_s3_bucket", "fields": {
			"versioning": ["versioning", 0, "enabled"],
			"logging": ["logging"],
			"object_lock": ["object_lock_enabled"],
		}},
	})
	not core.is_unknown(b.values)
	not log_or_empty_bucket(b)
}

log_or_empty_bucket(b) if {
	b.family == "cloudformation"
	view.get(b.values, ["AccessControl"]) == "LogDeliveryWrite"
}

log_or_empty_bucket(b) if {
	b.family == "cloudformation"
	view.get(b.values, ["WebsiteConfiguration", "RedirectAllRequestsTo"]) != null
}

log_or_empty_bucket(b) if {
	b.family == "cloudformation"
	some t in _cfn_log_destinations
	_cfn_names_bucket(t, b)
}

log_or_empty_bucket(b) if log_bucket(b)

log_or_empty_bucket(b) if {
	b.family == "terraform"
	view.get(b.values, ["acl"]) == "log-delivery-write"
}

log_or_empty_bucket(b) if {
	b.family == "terraform"
	view.get(b.values, ["website", 0, "redirect_all_requests_to"]) != null
}

log_or_empty_bucket(b) if {
	b.family == "terraform"
	r := view.raw(b)
	some t in _tf_log_destinations
	tf_encryption.names(t, r, "bucket")
}

_cfn_log_destinations contains t if {
	some o in view.by_type["AWS::S3::Bucket"]
	t := view.get(o.values, ["LoggingConfiguration", "DestinationBucketName"])
}

_cfn_log_destinations contains t if {
	some trail in view.by_type["AWS::CloudTrail::Trail"]
	t := view.get(trail.values, ["S3BucketName"])
}

_cfn_log_destinations contains t if {
	some d in view.by_type["AWS::CloudFront::Distribution"]
	t := view.get(d.values, ["DistributionConfig", "Logging", "Bucket"])
}

_cfn_log_destinations contains t if {
	some fl in view.by_type["AWS::EC2::FlowLog"]
	t := view.get(fl.values, ["LogDestination"])
}

_tf_log_destinations contains t if {
	some l in tf.resources("aws_s3_bucket_logging")
	t := tf.value(l, ["target_bucket"], null)
}

_tf_log_destinations contains t if {
	some o in tf.resources("aws_s3_bucket")
	some blk in tf.value(o, ["logging"], [])
	is_object(blk)
	t := object.get(blk, "target_bucket", null)
}

_tf_log_destinations contains t if {
	some a in tf.resources("aws_s3_bucket_acl")
	tf.value(a, ["acl"], null) == "log-delivery-write"
	t := tf.value(a, ["bucket"], null)
}

_tf_log_destinations contains t if {
	some w in tf.resources("aws_s3_bucket_website_configuration")
	tf.value(w, ["redirect_all_requests_to"], null) != null
	t := tf.value(w, ["bucket"], null)
}

_tf_log_destinations contains t if {
	some trail in tf.resources("aws_cloudtrail")
	t := tf.value(trail, ["s3_bucket_name"], null)
}

_tf_log_destinations contains t if {
	some d in tf.resources("aws_cloudfront_distribution")
	some blk in tf.value(d, ["logging_config"], [])
	is_object(blk)
	t := object.get(blk, "bucket", null)
}

_tf_log_destinations contains t if {
	some fl in tf.resources("aws_flow_log")
	t := tf.value(fl, ["log_destination"], null)
}

# --- versioning ---------------------------------------------------------------

# unversioned returns the field a data bucket lacks versioning at: the
# status or legacy switch when it is written and not on, else where it
# belongs. Undefined when the bucket is versioned or may be: an unknown
# setting, Object Lock (which turns versioning on), or in Terraform an
# aws_s3_bucket_versioning that names the bucket or cannot be resolved (its
# status is checked on that resource, see suspended_versioning).
unversioned(b) := view.field_of(b, "versioning") if {
	not _may_be_versioned(b)
	b.family == "cloudformation"
} else := view.field_of(b, "versioning") if {
	not _may_be_versioned(b)
	count(view.or_else(view.get(b.values, ["versioning"]), [])) > 0
} else := {"value": null, "path": b.path, "name": "aws_s3_bucket_versioning"} if {
	not _may_be_versioned(b)
}

_may_be_versioned(b) if {
	b.family == "cloudformation"
	x := view.value(b, "versioning")
	_enabled_status(x)
}

_may_be_versioned(b) if {
	b.family == "terraform"
	not core.not_true(view.value_or(b, "versioning", false))
}

_may_be_versioned(b) if not core.not_true(view.value_or(b, "object_lock", false))

_may_be_versioned(b) if {
	b.family == "terraform"
	tf_encryption.configured(view.raw(b), "aws_s3_bucket_versioning", "bucket", "bucket")
}

_enabled_status(x) if core.is_unknown(x)

_enabled_status("Enabled")

# suspended_versioning lists the aws_s3_bucket_versioning resources whose
# known status is not Enabled and that name a data bucket of the document,
# as their status field.
suspended_versioning contains {"view": v, "field": view.field_of(v, "status")} if {
	some v in view.resources({"terraform": {"type": "aws_s3_bucket_versioning", "fields": {
		"status": ["versioning_configuration", 0, "status"],
		"bucket": ["bucket"],
	}}})
	status := view.value(v, "status")
	is_string(status)
	status != "Enabled"
	some b in data_buckets
	tf_encryption.names(view.value(v, "bucket"), view.raw(b), "bucket")
}

# --- server access logging ----------------------------------------------------

# logged holds when server access logging is configured for data bucket b,
# or may be (an unknown configuration, a Terraform aws_s3_bucket_logging
# whose bucket cannot be resolved).
logged(b) if view.has(b, "logging")

logged(b) if {
	b.family == "terraform"
	tf_encryption.configured(view.raw(b), "aws_s3_bucket_logging", "bucket", "bucket")
}

# logging_field is where a missing logging configuration belongs.
logging_field(b) := view.field_of(b, "logging") if b.family == "cloudformation"

else := {"value": null, "path": b.path, "name": "aws_s3_bucket_logging"}
