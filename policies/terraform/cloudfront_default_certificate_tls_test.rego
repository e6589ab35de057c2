package tollgate.terraform.cloudfront_default_certificate_tls_test

import rego.v1

import data.tollgate.terraform.cloudfront_default_certificate_tls as rule

dist(values) := {"resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.use_default_certificate"}

test_default_certificate if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "viewer_certificate", 0, "cloudfront_default_certificate"],
		"message": "distribution uses the default CloudFront certificate, whose security policy accepts TLS 1.0",
	}} with input as dist({"enabled": true, "viewer_certificate": [{"cloudfront_default_certificate": true}]})
	count(rule.deny) == 1 with input as dist({"viewer_certificate": [{"cloudfront_default_certificate": "true", "minimum_protocol_version": "TLSv1.2_2021"}]})
}

test_custom_certificate if {
	count(rule.deny) == 0 with input as dist({"viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/abc", "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1.2_2021"}]})
	count(rule.deny) == 0 with input as dist({"viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/abc", "cloudfront_default_certificate": false}]})
	count(rule.deny) == 0 with input as dist({"viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/abc", "cloudfront_default_certificate": null}]})
}

test_unknown if {
	count(rule.deny) == 0 with input as dist({"viewer_certificate": [{"cloudfront_default_certificate": unknown}]})
	count(rule.deny) == 0 with input as dist({"viewer_certificate": [unknown]})
	count(rule.deny) == 0 with input as dist({"viewer_certificate": unknown})
}
