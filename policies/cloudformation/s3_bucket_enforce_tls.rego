# METADATA
# title: S3 bucket policy denies requests without TLS
# description: >-
#   S3 accepts plain HTTP requests unless the bucket policy denies them. Every
#   bucket needs an AWS::S3::BucketPolicy with a Deny statement for all
#   principals on s3:* (or *) conditioned on aws:SecureTransport being false
#   (Bool or BoolIfExists). An Allow conditioned on aws:SecureTransport true is
#   not enough: identity policies of the bucket's account and ACLs still grant
#   access over HTTP, because a missing Allow in the bucket policy does not
#   deny anything; only an explicit Deny overrides every Allow.
# custom:
#   id: aws-s3-bucket-enforce-tls
#   severity: medium
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::S3::Bucket", "AWS::S3::BucketPolicy"]
#   remediation: >-
#     Add an AWS::S3::BucketPolicy for the bucket whose PolicyDocument has a
#     statement with Effect Deny, Principal "*", Action "s3:*", Resource the
#     bucket ARN and its objects, and Condition
#     {"Bool": {"aws:SecureTransport": "false"}} (CDK: enforceSSL: true).
package tollgate.cloudformation.s3_bucket_enforce_tls

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption

deny contains f if {
	some name, b in cfn.resources("AWS::S3::Bucket")
	not has_policy(name, b)
	f := cfn.resource_finding(name, "bucket has no bucket policy denying requests that do not use TLS (aws:SecureTransport false)")
}

deny contains f if {
	some name, p in cfn.resources("AWS::S3::BucketPolicy")
	not enforces_tls(policy_document(p))
	f := cfn.finding(name, ["PolicyDocument"], "bucket policy has no Deny statement for all principals on s3:* when aws:SecureTransport is false")
}

has_policy(name, b) if {
	some p in cfn.resources("AWS::S3::BucketPolicy")
	targets(encryption.prop(p, ["Bucket"], null), name, b)
}

# targets holds when a BucketPolicy's Bucket value names the bucket: a Ref to
# its logical id, or the literal BucketName it sets.
targets(t, name, _) if cfn.refers_to(t, name)

targets(t, _, b) if {
	is_string(t)
	t == encryption.prop(b, ["BucketName"], null)
}

# A Bucket value that cannot be resolved and is not a reference to a
# resource of this template (a parameter, an import, a Sub over the account
# id) may name any bucket: do not claim the bucket has no policy.
targets(t, _, _) if {
	core.is_unknown(t)
	not object.get(t, "ref", "") in object.keys(input.Resources)
}

# The document may be written as a JSON string.
policy_document(p) := json.unmarshal(doc) if {
	doc := encryption.prop(p, ["PolicyDocument"], {})
	is_string(doc)
	json.is_valid(doc)
} else := encryption.prop(p, ["PolicyDocument"], {})

enforces_tls(doc) if core.is_unknown(doc)

enforces_tls(doc) if {
	some s in encryption.statements(doc)
	core.is_unknown(s)
}

enforces_tls(doc) if {
	some s in encryption.statements(doc)
	is_object(s)
	deny_effect(object.get(s, "Effect", ""))
	all_principals_or_unknown(object.get(s, "Principal", null))
	some a in encryption.as_list(object.get(s, "Action", []))
	s3_wildcard(a)
	some op in ["Bool", "BoolIfExists"]
	some v in encryption.as_list(encryption.condition_value(s, op, "aws:SecureTransport"))
	false_or_unknown(v)
}

deny_effect(e) if e == "Deny"

deny_effect(e) if core.is_unknown(e)

all_principals_or_unknown(p) if encryption.all_principals(p)

all_principals_or_unknown(p) if core.is_unknown(p)

s3_wildcard(a) if {
	is_string(a)
	lower(a) in {"s3:*", "*"}
}

s3_wildcard(a) if core.is_unknown(a)

false_or_unknown(v) if cfn.is_false(v)

false_or_unknown(v) if core.is_unknown(v)
