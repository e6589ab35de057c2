# METADATA
# title: CloudFront does not rely on the default certificate's TLS 1.0 policy
# description: >-
#   A distribution served on its *.cloudfront.net domain with the default
#   certificate (ViewerCertificate missing or CloudFrontDefaultCertificate
#   true) always uses the TLSv1 security policy, which accepts TLS 1.0 and 1.1;
#   MinimumProtocolVersion cannot be raised without a custom certificate.
#   Reported at low severity: modern clients negotiate TLS 1.2+ anyway.
# custom:
#   id: aws-cloudfront-default-certificate-tls
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::CloudFront::Distribution", "aws_cloudfront_distribution"]
#   remediation: >-
#     Serve the distribution on a custom domain with an ACM certificate
#     (ViewerCertificate.AcmCertificateArn, SslSupportMethod sni-only,
#     MinimumProtocolVersion TLSv1.2_2021).
package tollgate.aws.cloudfront_default_certificate_tls

import rego.v1

import data.tollgate.lib.aws.cloudfront
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Serve the distribution on a custom domain with an ACM certificate (ViewerCertificate.AcmCertificateArn, SslSupportMethod sni-only, MinimumProtocolVersion TLSv1.2_2021).",
	"terraform": "Serve the distribution on a custom domain (aliases) with an ACM certificate: viewer_certificate { acm_certificate_arn = ..., ssl_support_method = \"sni-only\", minimum_protocol_version = \"TLSv1.2_2021\" } instead of cloudfront_default_certificate = true.",
}

deny contains f if {
	some d in cloudfront.distributions
	core.is_true(view.value(d, "default_certificate"))
	f := view.finding(d, "default_certificate", "distribution uses the default CloudFront certificate, whose security policy accepts TLS 1.0", fix)
}
