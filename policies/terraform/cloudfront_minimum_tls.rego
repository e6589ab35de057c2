# METADATA
# title: CloudFront custom certificate requires TLS 1.2 or later
# description: >-
#   With a custom certificate (viewer_certificate.acm_certificate_arn or
#   iam_certificate_id) the viewer security policy is
#   viewer_certificate.minimum_protocol_version, which the aws provider
#   defaults to TLSv1; it must be TLSv1.2_2018 or newer (TLSv1.2_2019,
#   TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025). Distributions on the default
#   *.cloudfront.net certificate are aws-cloudfront-default-certificate-tls.
# custom:
#   id: aws-cloudfront-minimum-tls
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_cloudfront_distribution"]
#   remediation: Set minimum_protocol_version = "TLSv1.2_2021" in the viewer_certificate block.
package tollgate.terraform.cloudfront_minimum_tls

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_cloudfront_distribution")
	cert := tf.block(r, "viewer_certificate")
	not core.is_unknown(cert)
	custom_certificate(cert)
	version := version_or_default(object.get(cert, "minimum_protocol_version", null))
	is_string(version)
	not regex.match(`^TLSv1\.[2-9]_`, version)
	f := tf.finding(i, ["viewer_certificate", 0, "minimum_protocol_version"], sprintf("viewer security policy %s accepts TLS versions older than 1.2", [version]))
}

# An unknown certificate (a variable, aws_acm_certificate.x.arn) is set.
custom_certificate(cert) if {
	some attr in ["acm_certificate_arn", "iam_certificate_id"]
	v := object.get(cert, attr, null)
	v != null
	v != ""
}

version_or_default(null) := "TLSv1"

version_or_default(v) := v if v != null
