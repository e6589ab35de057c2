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
#   formats: [cloudformation]
#   resource_types: ["AWS::CloudFront::Distribution"]
#   remediation: >-
#     Serve the distribution on a custom domain with an ACM certificate
#     (ViewerCertificate.AcmCertificateArn, SslSupportMethod sni-only,
#     MinimumProtocolVersion TLSv1.2_2021).
package tollgate.cloudformation.cloudfront_default_certificate_tls

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::CloudFront::Distribution")
	config := encryption.prop(r, ["DistributionConfig"], {})
	not core.is_unknown(config)
	not "ViewerCertificate" in object.keys(config)
	f := cfn.finding(name, ["DistributionConfig", "ViewerCertificate"], "distribution uses the default CloudFront certificate, whose security policy accepts TLS 1.0")
}

deny contains f if {
	some name, r in cfn.resources("AWS::CloudFront::Distribution")
	cert := encryption.prop(r, ["DistributionConfig", "ViewerCertificate"], {})
	cfn.is_true(object.get(cert, "CloudFrontDefaultCertificate", false))
	f := cfn.finding(name, ["DistributionConfig", "ViewerCertificate", "CloudFrontDefaultCertificate"], "distribution uses the default CloudFront certificate, whose security policy accepts TLS 1.0")
}
