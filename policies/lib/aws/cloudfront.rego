# METADATA
# description: CloudFront distributions as one view (see lib/view.rego).
package tollgate.lib.aws.cloudfront

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# distributions: the viewer certificate and its settings. default_certificate
# is true when the distribution uses CloudFront's own certificate.
distributions := {k: default_certificate(d) | some k, d in view.resources({
	"cloudformation": {"type": "AWS::CloudFront::Distribution", "fields": {
		"config": ["DistributionConfig"],
		"viewer_certificate": ["DistributionConfig", "ViewerCertificate"],
		"default_certificate": ["DistributionConfig", "ViewerCertificate", "CloudFrontDefaultCertificate"],
		"acm_certificate": ["DistributionConfig", "ViewerCertificate", "AcmCertificateArn"],
		"iam_certificate": ["DistributionConfig", "ViewerCertificate", "IamCertificateId"],
		"minimum_protocol_version": ["DistributionConfig", "ViewerCertificate", "MinimumProtocolVersion"],
	}},
	"terraform": {"type": "aws_cloudfront_distribution", "fields": {
		"viewer_certificate": ["viewer_certificate", 0],
		"default_certificate": ["viewer_certificate", 0, "cloudfront_default_certificate"],
		"acm_certificate": ["viewer_certificate", 0, "acm_certificate_arn"],
		"iam_certificate": ["viewer_certificate", 0, "iam_certificate_id"],
		"minimum_protocol_version": ["viewer_certificate", 0, "minimum_protocol_version"],
	}},
})}

# A CloudFormation distribution without ViewerCertificate uses the default
# certificate (Terraform requires the block).
default_certificate(d) := view.with_field(d, "default_certificate", true, ["DistributionConfig", "ViewerCertificate"]) if {
	d.family == "cloudformation"
	view.value(d, "viewer_certificate") == null
	not core.is_unknown(view.value(d, "config"))
} else := d

# custom_certificate holds when the distribution names its own certificate:
# in CloudFormation the property is written, in Terraform the argument is
# set to something other than "" (an unknown may be a certificate).
custom_certificate(d) if {
	d.family == "cloudformation"
	cert := view.value(d, "viewer_certificate")
	is_object(cert)
	some p in ["AcmCertificateArn", "IamCertificateId"]
	p in object.keys(cert)
}

custom_certificate(d) if {
	d.family == "terraform"
	some name in ["acm_certificate", "iam_certificate"]
	not view.value(d, name) in {null, ""}
}

# viewer_protocol_policies returns the ViewerProtocolPolicy of every cache
# behavior of d as fields (named without the behavior's path). A behavior
# whose policy is missing is read as allow-all in CloudFormation, where
# even a missing DefaultCacheBehavior counts; Terraform requires the
# argument, so only a written one is judged.
viewer_protocol_policies(d) := {f |
	some p in _behaviors(d)
	name := _policy_name[d.family]
	x := view.field(d, array.concat(p, [name]))
	f := {"value": view.or_else(x.value, object.get(_missing_policy, d.family, null)), "path": x.path, "name": name}
}

_policy_name := {"cloudformation": "ViewerProtocolPolicy", "terraform": "viewer_protocol_policy"}

_missing_policy := {"cloudformation": "allow-all"}

_behaviors(d) := ({p |
	d.family == "cloudformation"
	_missing_or_known_object(view.get(d.values, ["DistributionConfig", "DefaultCacheBehavior"]))
	p := ["DistributionConfig", "DefaultCacheBehavior"]
} | {p |
	d.family == "cloudformation"
	bs := view.get(d.values, ["DistributionConfig", "CacheBehaviors"])
	is_array(bs)
	some i, b in bs
	_known_object(b)
	p := ["DistributionConfig", "CacheBehaviors", i]
}) | {[name, j] |
	d.family == "terraform"
	some name in ["default_cache_behavior", "ordered_cache_behavior"]
	bs := view.get(d.values, [name])
	is_array(bs)
	some j, b in bs
	_known_object(b)
}

_known_object(x) if {
	is_object(x)
	not core.is_unknown(x)
}

_missing_or_known_object(null)

_missing_or_known_object(x) if _known_object(x)
