package tollgate.lib.aws.cloudfront_test

import rego.v1

import data.tollgate.lib.aws.cloudfront
import data.tollgate.lib.view

cfn(config) := {"tollgate": {"format": "cloudformation"}, "Resources": {"D": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}}}

tf(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_cloudfront_distribution.d", "mode": "managed", "type": "aws_cloudfront_distribution", "values": values}]}

unknown := {"__unknown__": true, "expr": "Ref P", "ref": "P"}

test_cloudformation_missing_certificate_is_the_default_one if {
	d := cloudfront.distributions.D with input as cfn({"Enabled": true})
	view.field_of(d, "default_certificate") == {"value": true, "path": ["Resources", "D", "Properties", "DistributionConfig", "ViewerCertificate"], "name": "DistributionConfig.ViewerCertificate"}
	e := cloudfront.distributions.D with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"D": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": unknown}}}}
	view.value(e, "default_certificate") == unknown
}

test_terraform_certificate if {
	d := cloudfront.distributions[0] with input as tf({"viewer_certificate": [{"cloudfront_default_certificate": true}]})
	view.value(d, "default_certificate") == true
	not cloudfront.custom_certificate(d)
	e := cloudfront.distributions[0] with input as tf({"viewer_certificate": [{"acm_certificate_arn": unknown, "minimum_protocol_version": "TLSv1.2_2021"}]})
	cloudfront.custom_certificate(e)
	view.value(e, "minimum_protocol_version") == "TLSv1.2_2021"
}

# CloudFormation counts a written certificate property, Terraform a value
# other than "".
test_custom_certificate_by_format if {
	cloudfront.custom_certificate(cloudfront.distributions.D) with input as cfn({"ViewerCertificate": {"AcmCertificateArn": ""}})
	not cloudfront.custom_certificate(cloudfront.distributions[0]) with input as tf({"viewer_certificate": [{"acm_certificate_arn": ""}]})
}

test_viewer_protocol_policies if {
	ps := cloudfront.viewer_protocol_policies(cloudfront.distributions.D) with input as cfn({
		"CacheBehaviors": [{"ViewerProtocolPolicy": "https-only"}, unknown],
	})
	ps == {
		{"value": "allow-all", "path": ["Resources", "D", "Properties", "DistributionConfig", "DefaultCacheBehavior", "ViewerProtocolPolicy"], "name": "ViewerProtocolPolicy"},
		{"value": "https-only", "path": ["Resources", "D", "Properties", "DistributionConfig", "CacheBehaviors", 0, "ViewerProtocolPolicy"], "name": "ViewerProtocolPolicy"},
	}
	qs := cloudfront.viewer_protocol_policies(cloudfront.distributions[0]) with input as tf({
		"default_cache_behavior": [{}],
		"ordered_cache_behavior": [{"viewer_protocol_policy": "allow-all"}],
	})
	qs == {
		{"value": null, "path": ["resources", 0, "values", "default_cache_behavior", 0, "viewer_protocol_policy"], "name": "viewer_protocol_policy"},
		{"value": "allow-all", "path": ["resources", 0, "values", "ordered_cache_behavior", 0, "viewer_protocol_policy"], "name": "viewer_protocol_policy"},
	}
}
