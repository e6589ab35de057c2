package tollgate.terraform.cloudfront_minimum_tls_test

import rego.v1

import data.tollgate.terraform.cloudfront_minimum_tls as rule

dist(cert) := {"resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "provider": "aws", "values": {"enabled": true, "viewer_certificate": [cert]}}]}

acm := "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"

unknown := {"__unknown__": true, "expr": "var.minimum_protocol_version"}

test_default_version if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "viewer_certificate", 0, "minimum_protocol_version"],
		"message": "viewer security policy TLSv1 accepts TLS versions older than 1.2",
	}} with input as dist({"acm_certificate_arn": acm, "ssl_support_method": "sni-only"})

	# plans list unset optional attributes as null
	count(rule.deny) == 1 with input as dist({"acm_certificate_arn": acm, "ssl_support_method": "sni-only", "minimum_protocol_version": null, "iam_certificate_id": null})
}

test_old_versions if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "viewer_certificate", 0, "minimum_protocol_version"],
		"message": "viewer security policy TLSv1.1_2016 accepts TLS versions older than 1.2",
	}} with input as dist({"acm_certificate_arn": acm, "minimum_protocol_version": "TLSv1.1_2016"})
	count(rule.deny) == 1 with input as dist({"iam_certificate_id": "ASCACKCEVSQ6C2EXAMPLE", "minimum_protocol_version": "TLSv1_2016"})
	count(rule.deny) == 1 with input as dist({"acm_certificate_arn": acm, "minimum_protocol_version": "TLSv1"})
}

test_modern_versions if {
	every v in ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] {
		count(rule.deny) == 0 with input as dist({"acm_certificate_arn": acm, "minimum_protocol_version": v})
	}
}

test_default_certificate_is_other_rule if {
	count(rule.deny) == 0 with input as dist({"cloudfront_default_certificate": true})

	# plans show the unset certificate arguments as "" or null
	count(rule.deny) == 0 with input as dist({"cloudfront_default_certificate": true, "acm_certificate_arn": "", "iam_certificate_id": null, "minimum_protocol_version": "TLSv1"})
}

test_unknown if {
	count(rule.deny) == 0 with input as dist({"acm_certificate_arn": acm, "minimum_protocol_version": unknown})
	count(rule.deny) == 0 with input as dist(unknown)

	# a certificate from a resource or variable is still a custom certificate
	cert_arn := {"__unknown__": true, "expr": "aws_acm_certificate.site.arn", "ref": "aws_acm_certificate.site", "attribute": "arn"}
	count(rule.deny) == 1 with input as dist({"acm_certificate_arn": cert_arn, "ssl_support_method": "sni-only"})
}
