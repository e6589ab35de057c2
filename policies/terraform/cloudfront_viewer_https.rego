# METADATA
# title: CloudFront serves viewers over HTTPS only
# description: >-
#   Every cache behavior of an aws_cloudfront_distribution (the
#   default_cache_behavior block and each ordered_cache_behavior block) must
#   set viewer_protocol_policy to https-only or redirect-to-https; allow-all
#   lets viewers fetch content and send cookies over plain HTTP.
# custom:
#   id: aws-cloudfront-viewer-https
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_cloudfront_distribution"]
#   remediation: >-
#     Set viewer_protocol_policy = "redirect-to-https" (or "https-only") in
#     default_cache_behavior and in every ordered_cache_behavior block.
package tollgate.terraform.cloudfront_viewer_https

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

https_policies := {"https-only", "redirect-to-https"}

# viewer_protocol_policy is a required argument: a behavior without it does
# not plan, so only known values are judged.
deny contains f if {
	some i, r in tf.resources("aws_cloudfront_distribution")
	some path in behavior_paths(r)
	policy := object.get(r.values, array.concat(path, ["viewer_protocol_policy"]), null)
	is_string(policy)
	not policy in https_policies
	f := tf.finding(i, array.concat(path, ["viewer_protocol_policy"]), sprintf("cache behavior lets viewers use plain HTTP (viewer_protocol_policy is %s)", [policy]))
}

behavior_paths(r) := {[name, j] |
	some name in ["default_cache_behavior", "ordered_cache_behavior"]
	behaviors := tf.value(r, [name], [])
	is_array(behaviors)
	some j, b in behaviors
	is_object(b)
	not core.is_unknown(b)
}
