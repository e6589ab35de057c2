package tollgate.cloudformation.cloudfront_viewer_https_test

import rego.v1

import data.tollgate.cloudformation.cloudfront_viewer_https as rule

dist(config) := {"Resources": {"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}}}

behavior(policy) := {"TargetOriginId": "site", "ViewerProtocolPolicy": policy, "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}

test_default_behavior_allow_all if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "DefaultCacheBehavior", "ViewerProtocolPolicy"],
		"message": "cache behavior lets viewers use plain HTTP (ViewerProtocolPolicy is allow-all)",
	}} with input as dist({"Enabled": true, "DefaultCacheBehavior": behavior("allow-all")})
	count(rule.deny) == 1 with input as dist({"DefaultCacheBehavior": {"TargetOriginId": "site"}})
}

test_cache_behavior_allow_all if {
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "CacheBehaviors", 1, "ViewerProtocolPolicy"],
		"message": "cache behavior lets viewers use plain HTTP (ViewerProtocolPolicy is allow-all)",
	}} with input as dist({
		"DefaultCacheBehavior": behavior("redirect-to-https"),
		"CacheBehaviors": [
			object.union(behavior("https-only"), {"PathPattern": "/api/*"}),
			object.union(behavior("allow-all"), {"PathPattern": "/static/*"}),
		],
	})
}

test_https if {
	count(rule.deny) == 0 with input as dist({"DefaultCacheBehavior": behavior("redirect-to-https"), "CacheBehaviors": [behavior("https-only")]})
}

test_unknown if {
	u := {"__unknown__": true, "expr": "Ref ViewerPolicy", "ref": "ViewerPolicy"}
	count(rule.deny) == 0 with input as dist({"DefaultCacheBehavior": behavior(u)})
	count(rule.deny) == 0 with input as dist({"DefaultCacheBehavior": u, "CacheBehaviors": [u]})
	count(rule.deny) == 0 with input as dist(u)
}
