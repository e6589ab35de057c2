package tollgate.aws.cloudfront_viewer_https_test

import rego.v1

import data.tollgate.aws.cloudfront_viewer_https as rule

# CloudFormation (and CDK)

cfn_dist(config) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}}}

cfn_behavior(policy) := {"TargetOriginId": "site", "ViewerProtocolPolicy": policy, "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}

test_cloudformation_default_behavior_allow_all if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "DefaultCacheBehavior", "ViewerProtocolPolicy"],
		"message": "cache behavior lets viewers use plain HTTP (ViewerProtocolPolicy is allow-all)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_dist({"Enabled": true, "DefaultCacheBehavior": cfn_behavior("allow-all")})
	count(rule.deny) == 1 with input as cfn_dist({"DefaultCacheBehavior": {"TargetOriginId": "site"}})
}

test_cloudformation_cache_behavior_allow_all if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "CacheBehaviors", 1, "ViewerProtocolPolicy"],
		"message": "cache behavior lets viewers use plain HTTP (ViewerProtocolPolicy is allow-all)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_dist({
		"DefaultCacheBehavior": cfn_behavior("redirect-to-https"),
		"CacheBehaviors": [
			object.union(cfn_behavior("https-only"), {"PathPattern": "/api/*"}),
			object.union(cfn_behavior("allow-all"), {"PathPattern": "/static/*"}),
		],
	})
}

test_cloudformation_https if {
	count(rule.deny) == 0 with input as cfn_dist({"DefaultCacheBehavior": cfn_behavior("redirect-to-https"), "CacheBehaviors": [cfn_behavior("https-only")]})
}

test_cloudformation_unknown if {
	u := {"__unknown__": true, "expr": "Ref ViewerPolicy", "ref": "ViewerPolicy"}
	count(rule.deny) == 0 with input as cfn_dist({"DefaultCacheBehavior": cfn_behavior(u)})
	count(rule.deny) == 0 with input as cfn_dist({"DefaultCacheBehavior": u, "CacheBehaviors": [u]})
	count(rule.deny) == 0 with input as cfn_dist(u)
}

# Terraform

tf_dist(values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "provider": "aws", "values": values}]}

tf_behavior(policy) := {"target_origin_id": "site", "viewer_protocol_policy": policy, "allowed_methods": ["GET", "HEAD"], "cached_methods": ["GET", "HEAD"], "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6"}

unknown := {"__unknown__": true, "expr": "var.viewer_protocol_policy"}

test_terraform_default_behavior_allow_all if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "default_cache_behavior", 0, "viewer_protocol_policy"],
		"message": "cache behavior lets viewers use plain HTTP (viewer_protocol_policy is allow-all)",
		"remediation": rule.fix.terraform,
	}} with input as tf_dist({"enabled": true, "default_cache_behavior": [tf_behavior("allow-all")]})
}

test_terraform_ordered_behavior_allow_all if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "ordered_cache_behavior", 1, "viewer_protocol_policy"],
		"message": "cache behavior lets viewers use plain HTTP (viewer_protocol_policy is allow-all)",
		"remediation": rule.fix.terraform,
	}} with input as tf_dist({
		"default_cache_behavior": [tf_behavior("redirect-to-https")],
		"ordered_cache_behavior": [
			object.union(tf_behavior("https-only"), {"path_pattern": "/api/*"}),
			object.union(tf_behavior("allow-all"), {"path_pattern": "/static/*"}),
		],
	})
}

test_terraform_https if {
	count(rule.deny) == 0 with input as tf_dist({"default_cache_behavior": [tf_behavior("redirect-to-https")], "ordered_cache_behavior": [tf_behavior("https-only")]})
}

test_terraform_missing_required_argument_not_judged if {
	count(rule.deny) == 0 with input as tf_dist({"default_cache_behavior": [{"target_origin_id": "site"}]})
	count(rule.deny) == 0 with input as tf_dist({"default_cache_behavior": [tf_behavior(null)]})
}

test_terraform_unknown if {
	count(rule.deny) == 0 with input as tf_dist({"default_cache_behavior": [tf_behavior(unknown)]})
	count(rule.deny) == 0 with input as tf_dist({"default_cache_behavior": [unknown], "ordered_cache_behavior": [unknown]})
	count(rule.deny) == 0 with input as tf_dist({"default_cache_behavior": [tf_behavior("https-only")], "ordered_cache_behavior": unknown})
}
