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
#     logs, VPC flow logs or an AWS Config delivery channel of the same
#     document, or whose bucket policy lets an AWS log delivery service
#     (logging.s3, delivery.logs, logdelivery.elasticloadbalancing,
#     cloudtrail, config; s3 for inventory and analytics reports) write to
#     it, and the replication destination of such a bucket
#     (CloudFormation). A policy statement that cannot be read is not taken
#     for such a grant: most bucket policies are about who reads the data;
#   - a bucket whose canned ACL or grants are unknown: they may be
#     LogDeliveryWrite;
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
import data.tollgate.lib.encryption
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
	not k in _log_keys
	not _replica_of_log_bucket(b)
}

# _log_keys are the keys of the log and empty buckets, decided once per
# document: the replica test below asks about every pair of buckets.
_log_keys := {k |
	some type in ["AWS::S3::Bucket", "aws_s3_bucket"]
	some k, b in view.by_type[type]
	_log_or_empty(b)
}

# log_or_empty_bucket holds for a bucket that only receives logs or
# reports, or holds nothing.
log_or_empty_bucket(b) if b.key in _log_keys

log_or_empty_bucket(b) if _replica_of_log_bucket(b)

# A replica of a log bucket holds its logs.
_replica_of_log_bucket(b) if {
	b.family == "cloudformation"
	some t in _log_replica_destinations
	_cfn_names_bucket(t, b)
}

_log_replica_destinations contains t if {
	some k in _log_keys
	s := view.by_type["AWS::S3::Bucket"][k]
	some r in view.or_else(view.get(s.values, ["ReplicationConfiguration", "Rules"]), [])
	is_object(r)
	t := view.get(r, ["Destination", "Bucket"])
}

_log_or_empty(b) if {
	b.family == "cloudformation"
	_log_delivery_acl(view.get(b.values, ["AccessControl"]))
}

# CloudFormation names the bucket a log goes to by Ref/GetAtt or by its
# literal name: the targets are collected once as both, so each bucket is
# a lookup rather than a walk over every destination.
_log_or_empty(b) if {
	b.family == "cloudformation"
	b.resource in _cfn_log_target_index.refs
}

_log_or_empty(b) if {
	b.family == "cloudformation"
	name := view.get(b.values, ["BucketName"])
	is_string(name)
	name in _cfn_log_target_index.names
}

_cfn_log_target_index := {
	"refs": {t.ref | some t in _cfn_log_target_values; core.is_unknown(t); is_string(t.ref)},
	"names": {t | some t in _cfn_log_target_values; is_string(t)},
}

_cfn_log_target_values := _cfn_log_destinations | _cfn_log_delivery_policy_buckets

# The Bucket of each bucket policy that lets a log delivery service write.
_cfn_log_delivery_policy_buckets contains view.get(p.values, ["Bucket"]) if {
	some p in view.by_type["AWS::S3::BucketPolicy"]
	some st in encryption.statements(view.get(p.values, ["PolicyDocument"]))
	is_object(st)
	object.get(st, "Effect", "Allow") == "Allow"
	some service in encryption.as_list(view.get(st, ["Principal", "Service"]))
	service in log_delivery_services
}

_log_or_empty(b) if {
	b.family == "terraform"
	tf_encryption.named_in(_tf_log_delivery_index, view.raw(b), "bucket")
}

# The bucket values of the policies that let a log delivery service write,
# indexed once: matching every policy against every bucket was quadratic
# (600 buckets with policies spent 4 s here).
_tf_log_delivery_index := tf_encryption.value_index({x |
	some p in tf.resources("aws_s3_bucket_policy")
	some st in tf_encryption.statements(tf.value(p, ["policy"], null))
	object.get(st, "effect", "Allow") == "Allow"
	some principal in object.get(st, "principals", [])
	is_object(principal)
	principal.type == "Service"
	some service in encryption.as_list(object.get(principal, "identifiers", []))
	service in log_delivery_services
	x := tf.value(p, ["bucket"], null)
}, "aws_s3_bucket")

# log_delivery_services are the service principals AWS delivers logs to a
# bucket as, and S3 its inventory, analytics and Storage Lens reports.
log_delivery_services := {
	"s3.amazonaws.com",
	"logging.s3.amazonaws.com",
	"delivery.logs.amazonaws.com",
	"logdelivery.elasticloadbalancing.amazonaws.com",
	"cloudtrail.amazonaws.com",
	"config.amazonaws.com",
}

_log_delivery_acl("LogDeliveryWrite")

_log_delivery_acl("log-delivery-write")

_log_delivery_acl(x) if core.is_unknown(x)

_log_or_empty(b) if {
	b.family == "cloudformation"
	view.get(b.values, ["WebsiteConfiguration", "RedirectAllRequestsTo"]) != null
}


_log_or_empty(b) if log_bucket(b)

_log_or_empty(b) if {
	b.family == "terraform"
	_log_delivery_acl(view.get(b.values, ["acl"]))
}

# The legacy grant blocks: the LogDelivery group, or grants not known.
_log_or_empty(b) if {
	b.family == "terraform"
	some g in _unknown_or_list(view.get(b.values, ["grant"]))
	_log_delivery_grant(g)
}

_log_or_empty(b) if {
	b.family == "terraform"
	view.get(b.values, ["website", 0, "redirect_all_requests_to"]) != null
}

_log_or_empty(b) if {
	b.family == "terraform"
	tf_encryption.named_in(_tf_log_destination_index, view.raw(b), "bucket")
}

# An aws_s3_bucket_acl that grants the LogDelivery group, or whose canned
# ACL or grants are unknown (they may be log-delivery-write).
_log_or_empty(b) if {
	b.family == "terraform"
	tf_encryption.named_in(_tf_log_acl_index, view.raw(b), "bucket")
}

# The bucket values of those ACLs, indexed once rather than matching every
# ACL against every bucket.
_tf_log_acl_index := tf_encryption.value_index(
	{x |
		some a in tf.resources("aws_s3_bucket_acl")
		_log_delivery_acl_resource(a)
		x := tf.value(a, ["bucket"], null)
	},
	"aws_s3_bucket",
)

_log_delivery_acl_resource(a) if core.is_unknown(tf.value(a, ["acl"], null))

_log_delivery_acl_resource(a) if {
	some p in _unknown_or_list(tf.value(a, ["access_control_policy"], []))
	core.is_unknown(p)
}

_log_delivery_acl_resource(a) if {
	some p in _unknown_or_list(tf.value(a, ["access_control_policy"], []))
	some g in _unknown_or_list(object.get(p, "grant", []))
	_log_delivery_grant(g)
}

_unknown_or_list(x) := [x] if core.is_unknown(x)

else := x if is_array(x)

else := []

_log_delivery_grant(g) if core.is_unknown(g)

_log_delivery_grant(g) if {
	is_object(g)
	some grantee in _unknown_or_list(object.get(g, "grantee", [g]))
	_log_delivery_grantee(grantee)
}

_log_delivery_grantee(x) if core.is_unknown(x)

_log_delivery_grantee(x) if {
	is_object(x)
	some k in ["uri", "id"]
	v := object.get(x, k, null)
	_log_delivery_id(v)
}

_log_delivery_id(v) if core.is_unknown(v)

_log_delivery_id("http://acs.amazonaws.com/groups/s3/LogDelivery")

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

_cfn_log_destinations contains t if {
	some c in view.by_type["AWS::Config::DeliveryChannel"]
	t := view.get(c.values, ["S3BucketName"])
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

_tf_log_destinations contains t if {
	some c in tf.resources("aws_config_delivery_channel")
	t := tf.value(c, ["s3_bucket_name"], null)
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
	tf_encryption.configured_in(_tf_versioning_index, view.raw(b), "bucket")
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
	tf_encryption.configured_in(_tf_logging_index, view.raw(b), "bucket")
}

# logging_field is where a missing logging configuration belongs.
logging_field(b) := view.field_of(b, "logging") if b.family == "cloudformation"

else := {"value": null, "path": b.path, "name": "aws_s3_bucket_logging"}

# --- Terraform references, indexed ---------------------------------------------
#
# What tf_encryption.names decides for one bucket and one value, decided
# here for all buckets at once (tf_encryption.value_index): a configuration
# of a thousand buckets would otherwise cost a million comparisons per rule.

_tf_versioning_index := tf_encryption.setting_index("aws_s3_bucket_versioning", "bucket", "aws_s3_bucket")

_tf_log_destination_index := tf_encryption.value_index(_tf_log_destinations, "aws_s3_bucket")

_tf_logging_index := tf_encryption.setting_index("aws_s3_bucket_logging", "bucket", "aws_s3_bucket")
