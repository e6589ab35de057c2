# METADATA
# title: CloudFront custom certificate requires TLS 1.2 or later
# description: >-
#   With a custom certificate (AcmCertificateArn or IamCertificateId) the
#   viewer security policy is ViewerCertificate.MinimumProtocolVersion, TLSv1
#   when unset; it must be TLSv1.2_2018 or newer (TLSv1.2_2019, TLSv1.2_2021,
#   TLSv1.2_2025, TLSv1.3_2025). Distributions on the default *.cloudfront.net
#   certificate are aws-cloudfront-default-certificate-tls.
# custom:
#   id: aws-cloudfront-minimum-tls
#   severity: medium
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::CloudFront::Distribution"]
#   remediation: Set DistributionConfig.ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021.
package tollgate.cloudformation.cloudfront_minimum_tls

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources("AWS::CloudFront::Distribution")
	cert := encryption.prop(r, ["DistributionConfig", "ViewerCertificate"], {})
	some p in ["AcmCertificateArn", "IamCertificateId"]
	p in object.keys(cert)
	version := object.get(cert, "MinimumProtocolVersion", "TLSv1")
	is_string(version)
	not regex.match(`^TLSv1\.[2-9]_`, version)
	f := cfn.finding(name, ["DistributionConfig", "ViewerCertificate", "MinimumProtocolVersion"], sprintf("viewer security policy %s accepts TLS versions older than 1.2", [version]))
}
