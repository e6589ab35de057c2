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
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::CloudFront::Distribution", "aws_cloudfront_distribution"]
#   remediation: Set DistributionConfig.ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021.
package tollgate.aws.cloudfront_minimum_tls

import rego.v1

import data.tollgate.lib.aws.cloudfront
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set DistributionConfig.ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021.",
	"terraform": "Set minimum_protocol_version = \"TLSv1.2_2021\" in the viewer_certificate block.",
}

# Only a custom certificate can choose a policy; without MinimumProtocolVersion
# CloudFront uses TLSv1.
deny contains f if {
	some d in cloudfront.distributions
	cloudfront.custom_certificate(d)
	version := view.value_or(d, "minimum_protocol_version", "TLSv1")
	is_string(version)
	not regex.match(`^TLSv1\.[2-9]_`, version)
	f := view.finding(d, "minimum_protocol_version", sprintf("viewer security policy %s accepts TLS versions older than 1.2", [version]), fix)
}
