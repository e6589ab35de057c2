# S3 default encryption, part of the S3 view (s3.rego holds the package's
# annotations): the encryption rules a bucket gets, whether CloudFormation
# writes them in the bucket or Terraform in the bucket's legacy block or an
# aws_s3_bucket_server_side_encryption_configuration, and the buckets load
# balancers deliver logs to.
package tollgate.lib.aws.s3

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.view

_settings_type := "aws_s3_bucket_server_side_encryption_configuration"

# has_default_encryption holds when an encryption configuration applies to
# bucket b (or may: an unknown one).
# In CloudFormation the property is written (whatever its value), or the
# bucket's properties are unknown.
has_default_encryption(b) if {
	b.family == "cloudformation"
	_ = b.values.BucketEncryption
}

has_default_encryption(b) if {
	b.family == "cloudformation"
	b.values.__unknown__ == true
}

has_default_encryption(b) if {
	b.family == "terraform"
	count(view.or_else(view.get(b.values, ["server_side_encryption_configuration"]), [])) > 0
}

has_default_encryption(b) if {
	b.family == "terraform"
	core.is_unknown(view.get(b.values, ["server_side_encryption_configuration"]))
}

has_default_encryption(b) if {
	b.family == "terraform"
	tf_encryption.configured_in(_settings_index, view.raw(b), "bucket")
}

# missing_encryption_at is where a missing configuration belongs: the
# CloudFormation property, or the Terraform bucket itself.
missing_encryption_at(b) := {"value": null, "path": array.concat(b.base, ["BucketEncryption"]), "name": "BucketEncryption"} if {
	b.family == "cloudformation"
} else := {"value": null, "path": b.path, "name": _settings_type}

# encryption_rules are every known encryption rule, as
#   {"resource": the resource that writes it (a view without settings),
#    "path": its document path, "by_default_written": whether it sets the
#    default encryption block (spelled by_default_name), "algorithm" and
#    "key" (fields of that block, null when it is missing or unknown), and
#    "log_bucket": whether it encrypts only buckets that receive load
#    balancer logs}.
encryption_rules contains e if {
	some b in buckets
	b.family == "cloudformation"
	_ = b.values.BucketEncryption # most buckets have none: skip the lookup
	rules := view.get(b.values, ["BucketEncryption", "ServerSideEncryptionConfiguration"])
	is_array(rules)
	some i, rule in rules
	_known_object(rule)
	e := _rule(b, ["BucketEncryption", "ServerSideEncryptionConfiguration", i], rule, _is_log_bucket(b))
}

encryption_rules contains e if {
	some s in view.by_type[_settings_type]
	some j, rule in _known_objects(view.get(s.values, ["rule"]))
	e := _rule(s, ["rule", j], rule, _configures_log_bucket(s))
}

encryption_rules contains e if {
	some b in buckets
	b.family == "terraform"
	some k, config in _known_objects(view.get(b.values, ["server_side_encryption_configuration"]))
	some j, rule in _known_objects(object.get(config, "rule", []))
	e := _rule(b, ["server_side_encryption_configuration", k, "rule", j], rule, _is_log_bucket(b))
}

_names := {
	"cloudformation": {"by_default": "ServerSideEncryptionByDefault", "algorithm": "SSEAlgorithm", "key": "KMSMasterKeyID"},
	"terraform": {"by_default": "apply_server_side_encryption_by_default", "algorithm": "sse_algorithm", "key": "kms_master_key_id"},
}

_rule(v, p, rule, log) := {
	"resource": object.remove(v, ["values", "fields", "paths"]),
	"path": array.concat(v.base, p),
	"by_default_written": _by_default_written(v.family, rule),
	"by_default_name": n.by_default,
	"algorithm": {"value": object.get(block, n.algorithm, null), "path": array.concat(v.base, array.concat(bp, [n.algorithm])), "name": n.algorithm},
	"key": {"value": object.get(block, n.key, null), "path": array.concat(v.base, array.concat(bp, [n.key])), "name": n.key},
	"log_bucket": log,
} if {
	n := _names[v.family]
	bp := _by_default_path(v.family, p)
	block := _by_default(v.family, rule)
}

_by_default_path("cloudformation", p) := array.concat(p, ["ServerSideEncryptionByDefault"])

_by_default_path("terraform", p) := array.concat(p, ["apply_server_side_encryption_by_default", 0])

# A rule without its default block only toggles the bucket key.
_by_default_written("cloudformation", rule) := "ServerSideEncryptionByDefault" in object.keys(rule)

_by_default_written("terraform", rule) := count(object.get(rule, "apply_server_side_encryption_by_default", [])) > 0

# _by_default is the default encryption block when it is a known object, else {}.
_by_default("cloudformation", rule) := b if {
	b := rule.ServerSideEncryptionByDefault
	_known_object(b)
} else := {}

_by_default("terraform", rule) := b if {
	bs := object.get(rule, "apply_server_side_encryption_by_default", [])
	is_array(bs)
	b := bs[0]
	_known_object(b)
} else := {}

# --- load balancer log buckets ------------------------------------------------
#
# Application Load Balancers (access and connection logs) and Classic Load
# Balancers (access logs) deliver logs only to buckets encrypted with SSE-S3:
# SSE-KMS default encryption stops log delivery, so SSE-S3 is the correct
# setting for such a bucket. Network Load Balancer access logs support
# SSE-KMS with a customer-managed key, so their buckets get no exemption.

# log_bucket holds for a bucket some log target names.
log_bucket(b) if {
	b.family == "cloudformation"
	some t in _cfn_log_targets
	_cfn_names_bucket(t, b)
}

log_bucket(b) if {
	b.family == "terraform"
	_tf_log_bucket(view.raw(b))
}

_tf_log_bucket(r) if {
	some t in _tf_log_targets
	tf_encryption.names(t, r, "bucket")
}

_is_log_bucket(b) if log_bucket(b)

else := false

_cfn_log_targets contains t if {
	some elb in view.by_type["AWS::ElasticLoadBalancing::LoadBalancer"]
	t := view.get(elb.values, ["AccessLoggingPolicy", "S3BucketName"])
}

# Logging is off unless its .s3.enabled attribute is true; a parameter may
# turn it on, and the bucket must then be deliverable.
_cfn_log_targets contains t if {
	some lb in view.by_type["AWS::ElasticLoadBalancingV2::LoadBalancer"]
	view.or_else(view.get(lb.values, ["Type"]), "application") == "application"
	attributes := view.or_else(view.get(lb.values, ["LoadBalancerAttributes"]), [])
	some kind in ["access_logs", "connection_logs"]
	t := _attribute(attributes, sprintf("%s.s3.bucket", [kind]))
	_enabled_or_unknown(_attribute(attributes, sprintf("%s.s3.enabled", [kind])))
}

# _attribute is the Value of the LoadBalancerAttributes entry with a key.
_attribute(attributes, key) := v if {
	is_array(attributes)
	some a in attributes
	is_object(a)
	a.Key == key
	v := a.Value
}

_enabled_or_unknown(x) if core.is_true(x)

_enabled_or_unknown(x) if core.is_unknown(x)

_cfn_names_bucket(t, b) if cfn.refers_to(t, b.resource)

_cfn_names_bucket(t, b) if {
	is_string(t)
	t == view.get(b.values, ["BucketName"])
}

# _tf_log_targets are the bucket arguments of enabled SSE-S3-only log
# blocks. ALB log blocks default to enabled = false; an unknown may be
# true, and the bucket must then be deliverable.
_tf_log_targets contains t if {
	some type in ["aws_lb", "aws_alb"]
	some lb in view.by_type[type]
	view.or_else(view.get(lb.values, ["load_balancer_type"]), "application") == "application"
	some kind in ["access_logs", "connection_logs"]
	some blk in _known_objects(view.get(lb.values, [kind]))
	not core.not_true(view.or_else(object.get(blk, "enabled", null), false))
	t := object.get(blk, "bucket", null)
}

# Classic Load Balancer access_logs blocks default to enabled = true.
_tf_log_targets contains t if {
	some elb in view.by_type["aws_elb"]
	some blk in _known_objects(view.get(elb.values, ["access_logs"]))
	not core.is_false(view.or_else(object.get(blk, "enabled", null), true))
	t := object.get(blk, "bucket", null)
}

# _configures_log_bucket holds when an encryption configuration resource
# configures log buckets only: its bucket names only log buckets, or is
# the literal name a log target uses.
_configures_log_bucket(s) if {
	x := view.get(s.values, ["bucket"])
	named := [b | some b in tf.resources("aws_s3_bucket"); tf_encryption.names(x, b, "bucket")]
	count(named) > 0
	every b in named {
		_tf_log_bucket(b)
	}
}

_configures_log_bucket(s) if {
	x := view.get(s.values, ["bucket"])
	is_string(x)
	x != ""
	x in _tf_log_targets
}

default _configures_log_bucket(_) := false

_known_objects(xs) := {j: x |
	is_array(xs)
	some j, x in xs
	_known_object(x)
}

_known_object(x) if {
	is_object(x)
	not core.is_unknown(x)
}

_settings_index := tf_encryption.setting_index(_settings_type, "bucket", "aws_s3_bucket")
