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
#   formats: [cloudformation]
#   resource_types: ["AWS::CloudFront::Distribution"]
#   remediation: >-
#     Set DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy and every
#     DistributionConfig.CacheBehaviors[].ViewerProtocolPolicy to redirect-to-https
#     (or https-only).
package tollgate.cloudformation.cloudfront_viewer_https

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption

https_policies := {"https-only", "redirect-to-https"}

deny contains f if {
	some name, r in cfn.resources("AWS::CloudFront::Distribution")
	some path in behavior_paths(r)
	policy := encryption.prop(r, array.concat(path, ["ViewerProtocolPolicy"]), "allow-all")
	is_string(policy)
	not policy in https_policies
	f := cfn.finding(name, array.concat(path, ["ViewerProtocolPolicy"]), sprintf("cache behavior lets viewers use plain HTTP (ViewerProtocolPolicy is %s)", [policy]))
}

behavior_paths(r) := {p |
	behavior := encryption.prop(r, ["DistributionConfig", "DefaultCacheBehavior"], {})
	is_object(behavior)
	not core.is_unknown(behavior)
	p := ["DistributionConfig", "DefaultCacheBehavior"]
} | {p |
	behaviors := encryption.prop(r, ["DistributionConfig", "CacheBehaviors"], [])
	is_array(behaviors)
	some i, b in behaviors
	is_object(b)
	not core.is_unknown(b)
	p := ["DistributionConfig", "CacheBehaviors", i]
}
