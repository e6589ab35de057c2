package tollgate.aws.cloudfront_minimum_tls_test

import rego.v1

import data.tollgate.aws.cloudfront_minimum_tls as rule

# CloudFormation (and CDK)

cfn_dist(cert) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"Enabled": true, "ViewerCertificate": cert}}}}}

cfn_acm := "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"

test_cloudformation_old_or_default_version if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "ViewerCertificate", "MinimumProtocolVersion"],
		"message": "viewer security policy TLSv1 accepts TLS versions older than 1.2",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_dist({"AcmCertificateArn": cfn_acm, "SslSupportMethod": "sni-only"})
	count(rule.deny) == 1 with input as cfn_dist({"AcmCertificateArn": cfn_acm, "MinimumProtocolVersion": "TLSv1.1_2016"})
	count(rule.deny) == 1 with input as cfn_dist({"IamCertificateId": "ASCACKCEVSQ6C2EXAMPLE", "MinimumProtocolVersion": "TLSv1_2016"})
}

test_cloudformation_modern_versions if {
	every v in ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] {
		count(rule.deny) == 0 with input as cfn_dist({"AcmCertificateArn": cfn_acm, "MinimumProtocolVersion": v})
	}
}

test_cloudformation_default_certificate_is_other_rule if {
	count(rule.deny) == 0 with input as cfn_dist({"CloudFrontDefaultCertificate": true})
}

test_cloudformation_unknown if {
	u := {"__unknown__": true, "expr": "Ref MinTls", "ref": "MinTls"}
	count(rule.deny) == 0 with input as cfn_dist({"AcmCertificateArn": cfn_acm, "MinimumProtocolVersion": u})
	count(rule.deny) == 0 with input as cfn_dist(u)
}

# Terraform

tf_dist(cert) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "provider": "aws", "values": {"enabled": true, "viewer_certificate": [cert]}}]}

tf_acm := "arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"

unknown := {"__unknown__": true, "expr": "var.minimum_protocol_version"}

test_terraform_default_version if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "viewer_certificate", 0, "minimum_protocol_version"],
		"message": "viewer security policy TLSv1 accepts TLS versions older than 1.2",
		"remediation": rule.fix.terraform,
	}} with input as tf_dist({"acm_certificate_arn": tf_acm, "ssl_support_method": "sni-only"})

	# plans list unset optional attributes as null
	count(rule.deny) == 1 with input as tf_dist({"acm_certificate_arn": tf_acm, "ssl_support_method": "sni-only", "minimum_protocol_version": null, "iam_certificate_id": null})
}

test_terraform_old_versions if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "viewer_certificate", 0, "minimum_protocol_version"],
		"message": "viewer security policy TLSv1.1_2016 accepts TLS versions older than 1.2",
		"remediation": rule.fix.terraform,
	}} with input as tf_dist({"acm_certificate_arn": tf_acm, "minimum_protocol_version": "TLSv1.1_2016"})
	count(rule.deny) == 1 with input as tf_dist({"iam_certificate_id": "ASCACKCEVSQ6C2EXAMPLE", "minimum_protocol_version": "TLSv1_2016"})
	count(rule.deny) == 1 with input as tf_dist({"acm_certificate_arn": tf_acm, "minimum_protocol_version": "TLSv1"})
}

test_terraform_modern_versions if {
	every v in ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] {
		count(rule.deny) == 0 with input as tf_dist({"acm_certificate_arn": tf_acm, "minimum_protocol_version": v})
	}
}

test_terraform_default_certificate_is_other_rule if {
	count(rule.deny) == 0 with input as tf_dist({"cloudfront_default_certificate": true})

	# plans show the unset certificate arguments as "" or null
	count(rule.deny) == 0 with input as tf_dist({"cloudfront_default_certificate": true, "acm_certificate_arn": "", "iam_certificate_id": null, "minimum_protocol_version": "TLSv1"})
}

test_terraform_unknown if {
	count(rule.deny) == 0 with input as tf_dist({"acm_certificate_arn": tf_acm, "minimum_protocol_version": unknown})
	count(rule.deny) == 0 with input as tf_dist(unknown)

	# a certificate from a resource or variable is still a custom certificate
	cert_arn := {"__unknown__": true, "expr": "aws_acm_certificate.site.arn", "ref": "aws_acm_certificate.site", "attribute": "arn"}
	count(rule.deny) == 1 with input as tf_dist({"acm_certificate_arn": cert_arn, "ssl_support_method": "sni-only"})
}
