# METADATA
# title: CloudFront serves viewers over HTTPS only
# description: >-
#   Every cache behavior (the default one and each CacheBehaviors entry) must
#   set ViewerProtocolPolicy to https-only or redirect-to-https; allow-all lets
#   viewers fetch content and send cookies over plain HTTP.
# custom:
#   id: aws-cloudfront-viewer-https
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::CloudFront::Distribution", "aws_cloudfront_distribution"]
#   remediation: >-
#     Set DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy and every
#     DistributionConfig.CacheBehaviors[].ViewerProtocolPolicy to redirect-to-https
#     (or https-only).
package tollgate.aws.cloudfront_viewer_https

import rego.v1

import data.tollgate.lib.aws.cloudfront
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy and every DistributionConfig.CacheBehaviors[].ViewerProtocolPolicy to redirect-to-https (or https-only).",
	"terraform": "Set viewer_protocol_policy = \"redirect-to-https\" (or \"https-only\") in default_cache_behavior and in every ordered_cache_behavior block.",
}

https_policies := {"https-only", "redirect-to-https"}

deny contains f if {
	some d in cloudfront.distributions
	some p in cloudfront.viewer_protocol_policies(d)
	is_string(p.value)
	not p.value in https_policies
	f := view.field_finding(d, p, sprintf("cache behavior lets viewers use plain HTTP (%s is %s)", [p.name, p.value]), fix)
}
