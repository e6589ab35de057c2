package tollgate.aws.cloudfront_default_certificate_tls_test

import rego.v1

import data.tollgate.aws.cloudfront_default_certificate_tls as rule

# CloudFormation (and CDK)

cfn_dist(config) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}}}

msg := "distribution uses the default CloudFront certificate, whose security policy accepts TLS 1.0"

test_cloudformation_missing_viewer_certificate if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "ViewerCertificate"],
		"message": msg,
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_dist({"Enabled": true})
}

test_cloudformation_default_certificate if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "ViewerCertificate", "CloudFrontDefaultCertificate"],
		"message": msg,
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_dist({"ViewerCertificate": {"CloudFrontDefaultCertificate": "true"}})
}

test_cloudformation_custom_certificate_or_unknown if {
	count(rule.deny) == 0 with input as cfn_dist({"ViewerCertificate": {"AcmCertificateArn": "arn:aws:acm:us-east-1:111122223333:certificate/abc", "SslSupportMethod": "sni-only"}})
	count(rule.deny) == 0 with input as cfn_dist({"ViewerCertificate": {"__unknown__": true, "expr": "Fn::If HasDomain"}})
	count(rule.deny) == 0 with input as cfn_dist({"__unknown__": true, "expr": "Fn::If HasDomain"})
}

# Terraform

tf_dist(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.use_default_certificate"}

test_terraform_default_certificate if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "viewer_certificate", 0, "cloudfront_default_certificate"],
		"message": "distribution uses the default CloudFront certificate, whose security policy accepts TLS 1.0",
		"remediation": rule.fix.terraform,
	}} with input as tf_dist({"enabled": true, "viewer_certificate": [{"cloudfront_default_certificate": true}]})
	count(rule.deny) == 1 with input as tf_dist({"viewer_certificate": [{"cloudfront_default_certificate": "true", "minimum_protocol_version": "TLSv1.2_2021"}]})
}

test_terraform_custom_certificate if {
	count(rule.deny) == 0 with input as tf_dist({"viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/abc", "ssl_support_method": "sni-only", "minimum_protocol_version": "TLSv1.2_2021"}]})
	count(rule.deny) == 0 with input as tf_dist({"viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/abc", "cloudfront_default_certificate": false}]})
	count(rule.deny) == 0 with input as tf_dist({"viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/abc", "cloudfront_default_certificate": null}]})
}

test_terraform_unknown if {
	count(rule.deny) == 0 with input as tf_dist({"viewer_certificate": [{"cloudfront_default_certificate": unknown}]})
	count(rule.deny) == 0 with input as tf_dist({"viewer_certificate": [unknown]})
	count(rule.deny) == 0 with input as tf_dist({"viewer_certificate": unknown})
}
