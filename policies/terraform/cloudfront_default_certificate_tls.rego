# METADATA
# title: CloudFront does not rely on the default certificate's TLS 1.0 policy
# description: >-
#   A distribution served on its *.cloudfront.net domain with the default
#   certificate (viewer_certificate.cloudfront_default_certificate = true)
#   always uses the TLSv1 security policy, which accepts TLS 1.0 and 1.1;
#   minimum_protocol_version cannot be raised without a custom certificate.
#   Reported at low severity: modern clients negotiate TLS 1.2+ anyway.
# custom:
#   id: aws-cloudfront-default-certificate-tls
#   severity: low
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_cloudfront_distribution"]
#   remediation: >-
#     Serve the distribution on a custom domain (aliases) with an ACM
#     certificate: viewer_certificate { acm_certificate_arn = ...,
#     ssl_support_method = "sni-only", minimum_protocol_version =
#     "TLSv1.2_2021" } instead of cloudfront_default_certificate = true.
package tollgate.terraform.cloudfront_default_certificate_tls

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_cloudfront_distribution")
	cert := tf.block(r, "viewer_certificate")
	not core.is_unknown(cert)
	core.is_true(object.get(cert, "cloudfront_default_certificate", false))
	f := tf.finding(i, ["viewer_certificate", 0, "cloudfront_default_certificate"], "distribution uses the default CloudFront certificate, whose security policy accepts TLS 1.0")
}
