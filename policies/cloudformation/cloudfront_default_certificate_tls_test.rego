package tollgate.cloudformation.cloudfront_default_certificate_tls_test

import rego.v1

import data.tollgate.cloudformation.cloudfront_default_certificate_tls as rule

dist(config) := {"Resources": {"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}}}

msg := "distribution uses the default CloudFront certificate, whose security policy accepts TLS 1.0"

test_missing_viewer_certificate if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "ViewerCertificate"],
		"message": msg,
	}} with input as dist({"Enabled": true})
}

test_default_certificate if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "ViewerCertificate", "CloudFrontDefaultCertificate"],
		"message": msg,
	}} with input as dist({"ViewerCertificate": {"CloudFrontDefaultCertificate": "true"}})
}

test_custom_certificate_or_unknown if {
	count(rule.deny) == 0 with input as dist({"ViewerCertificate": {"AcmCertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/abc", "SslSupportMethod": "sni-only"}})
	count(rule.deny) == 0 with input as dist({"ViewerCertificate": {"__unknown__": true, "expr": "Fn::If HasDomain"}})
	count(rule.deny) == 0 with input as dist({"__unknown__": true, "expr": "Fn::If HasDomain"})
}
