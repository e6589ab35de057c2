package tollgate.cloudformation.cloudfront_minimum_tls_test

import rego.v1

import data.tollgate.cloudformation.cloudfront_minimum_tls as rule

dist(cert) := {"Resources": {"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"Enabled": true, "ViewerCertificate": cert}}}}}

acm := "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"

test_old_or_default_version if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "ViewerCertificate", "MinimumProtocolVersion"],
		"message": "viewer security policy TLSv1 accepts TLS versions older than 1.2",
	}} with input as dist({"AcmCertificateArn": acm, "SslSupportMethod": "sni-only"})
	count(rule.deny) == 1 with input as dist({"AcmCertificateArn": acm, "MinimumProtocolVersion": "TLSv1.1_2016"})
	count(rule.deny) == 1 with input as dist({"IamCertificateId": "ASCACKCEVSQ6C2EXAMPLE", "MinimumProtocolVersion": "TLSv1_2016"})
}

test_modern_versions if {
	every v in ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] {
		count(rule.deny) == 0 with input as dist({"AcmCertificateArn": acm, "MinimumProtocolVersion": v})
	}
}

test_default_certificate_is_other_rule if {
	count(rule.deny) == 0 with input as dist({"CloudFrontDefaultCertificate": true})
}

test_unknown if {
	u := {"__unknown__": true, "expr": "Ref MinTls", "ref": "MinTls"}
	count(rule.deny) == 0 with input as dist({"AcmCertificateArn": acm, "MinimumProtocolVersion": u})
	count(rule.deny) == 0 with input as dist(u)
}
