package tollgate.terraform.cloudfront_viewer_https_test

import rego.v1

import data.tollgate.terraform.cloudfront_viewer_https as rule

dist(values) := {"resources": [{"address": "aws_cloudfront_distribution.site", "mode": "managed", "type": "aws_cloudfront_distribution", "provider": "aws", "values": values}]}

behavior(policy) := {"target_origin_id": "site", "viewer_protocol_policy": policy, "allowed_methods": ["GET", "HEAD"], "cached_methods": ["GET", "HEAD"], "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6"}

unknown := {"__unknown__": true, "expr": "var.viewer_protocol_policy"}

test_default_behavior_allow_all if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "default_cache_behavior", 0, "viewer_protocol_policy"],
		"message": "cache behavior lets viewers use plain HTTP (viewer_protocol_policy is allow-all)",
	}} with input as dist({"enabled": true, "default_cache_behavior": [behavior("allow-all")]})
}

test_ordered_behavior_allow_all if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.site",
		"path": ["resources", 0, "values", "ordered_cache_behavior", 1, "viewer_protocol_policy"],
		"message": "cache behavior lets viewers use plain HTTP (viewer_protocol_policy is allow-all)",
	}} with input as dist({
		"default_cache_behavior": [behavior("redirect-to-https")],
		"ordered_cache_behavior": [
			object.union(behavior("https-only"), {"path_pattern": "/api/*"}),
			object.union(behavior("allow-all"), {"path_pattern": "/static/*"}),
		],
	})
}

test_https if {
	count(rule.deny) == 0 with input as dist({"default_cache_behavior": [behavior("redirect-to-https")], "ordered_cache_behavior": [behavior("https-only")]})
}

test_missing_required_argument_not_judged if {
	count(rule.deny) == 0 with input as dist({"default_cache_behavior": [{"target_origin_id": "site"}]})
	count(rule.deny) == 0 with input as dist({"default_cache_behavior": [behavior(null)]})
}

test_unknown if {
	count(rule.deny) == 0 with input as dist({"default_cache_behavior": [behavior(unknown)]})
	count(rule.deny) == 0 with input as dist({"default_cache_behavior": [unknown], "ordered_cache_behavior": [unknown]})
	count(rule.deny) == 0 with input as dist({"default_cache_behavior": [behavior("https-only")], "ordered_cache_behavior": unknown})
}
