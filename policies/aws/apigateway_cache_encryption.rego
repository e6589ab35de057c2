# METADATA
# title: API Gateway stage caches are encrypted
# description: >-
#   An API Gateway REST stage cache stores responses unencrypted unless the
#   method settings set CacheDataEncrypted (cache_data_encrypted). Stages
#   are read from AWS::ApiGateway::Stage, a deployment's StageDescription
#   (whose own CachingEnabled and CacheDataEncrypted apply to every method)
#   and SAM's AWS::Serverless::Api. Reported:
#   each method setting that turns caching on without encryption, and a stage
#   whose cache cluster is on (CacheClusterEnabled, cache_cluster_enabled),
#   which caches GET methods by default, when no "/*/*" method setting ("*/*"
#   in Terraform) encrypts the cache. In Terraform method settings are their
#   own resources; a stage is not reported when any "*/*" method setting in
#   the module encrypts, since which stage it belongs to may be unknown.
# custom:
#   id: aws-apigateway-cache-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ApiGateway::Deployment", "AWS::ApiGateway::Stage", "AWS::Serverless::Api", "aws_api_gateway_method_settings", "aws_api_gateway_stage"]
#   remediation: >-
#     Set CacheDataEncrypted to true in every MethodSettings entry that caches,
#     including one for ResourcePath "/*" and HttpMethod "*" when
#     CacheClusterEnabled is true (settings.cache_data_encrypted in Terraform).
package tollgate.aws.apigateway_cache_encryption

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

fix := {
	"cloudformation": "Set CacheDataEncrypted: true in every MethodSettings entry that caches, including one with ResourcePath \"/*\" and HttpMethod \"*\" when CacheClusterEnabled is true.",
	"terraform": "Add an aws_api_gateway_method_settings with method_path = \"*/*\" and settings { caching_enabled = true, cache_data_encrypted = true } for the stage, and set cache_data_encrypted = true wherever caching_enabled is true.",
}

# not_false holds for a value that may be true: true or unknown.
may_be_true(x) if core.is_true(x)

may_be_true(x) if core.is_unknown(x)

# CloudFormation keeps stage settings on the stage, on a deployment's
# StageDescription (which also has stage-wide CachingEnabled and
# CacheDataEncrypted, the "/*/*" setting) and on a SAM API.
_stages := [
	{"type": "AWS::ApiGateway::Stage", "base": []},
	{"type": "AWS::ApiGateway::Deployment", "base": ["StageDescription"]},
	{"type": "AWS::Serverless::Api", "base": []},
]

# stages returns [view, path of the stage settings, settings] for every
# stage whose settings can be read.
cfn_stages contains [v, s.base, settings] if {
	view.family == "cloudformation"
	some s in _stages
	some v in view.by_type[s.type]
	settings := view.get(v.values, s.base)
	is_object(settings)
	not core.is_unknown(settings)
}

# CloudFormation: a method setting that caches without encrypting.
deny contains f if {
	some [v, base, stage] in cfn_stages
	settings := object.get(stage, "MethodSettings", [])
	is_array(settings)
	some i, s in settings
	is_object(s)
	not core.is_unknown(s)
	core.is_true(object.get(s, "CachingEnabled", null))
	core.not_true(object.get(s, "CacheDataEncrypted", false))
	f := view.finding_at(v, array.concat(base, ["MethodSettings", i, "CacheDataEncrypted"]), "API Gateway stage caches responses unencrypted (MethodSettings.CacheDataEncrypted is not true)", fix)
}

# A deployment's stage-wide switches: caching on for every method without
# encryption.
deny contains f if {
	some [v, base, stage] in cfn_stages
	core.is_true(object.get(stage, "CachingEnabled", null))
	core.not_true(object.get(stage, "CacheDataEncrypted", false))
	f := view.finding_at(v, array.concat(base, ["CacheDataEncrypted"]), "API Gateway stage caches responses unencrypted (CacheDataEncrypted is not true)", fix)
}

# CloudFormation: the cache cluster caches GET methods unless told
# otherwise, and encrypts only when a "/*/*" setting says so.
deny contains f if {
	some [v, base, stage] in cfn_stages
	core.is_true(object.get(stage, "CacheClusterEnabled", null))
	not core.is_true(object.get(stage, "CachingEnabled", null))
	not stage_wide_encrypted(stage)
	settings := object.get(stage, "MethodSettings", [])
	is_array(settings)
	not cfn_all_methods_encrypted(settings)
	f := view.finding_at(v, array.concat(base, ["CacheClusterEnabled"]), "API Gateway stage cache cluster caches GET responses unencrypted (no MethodSettings entry for /*/* sets CacheDataEncrypted true)", fix)
}

# stage_wide_encrypted holds when a deployment's stage-wide switches
# encrypt the cache or turn caching off.
stage_wide_encrypted(stage) if encrypts_or_off(object.get(stage, "CacheDataEncrypted", null), object.get(stage, "CachingEnabled", null))

# cfn_all_methods_encrypted holds when a "/*/*" entry (or one that may be)
# encrypts or turns caching off, or an entry cannot be read.
cfn_all_methods_encrypted(settings) if {
	some s in settings
	core.is_unknown(s)
}

cfn_all_methods_encrypted(settings) if {
	some s in settings
	is_object(s)
	wildcard(object.get(s, "ResourcePath", null), "/*")
	wildcard(object.get(s, "HttpMethod", null), "*")
	encrypts_or_off(object.get(s, "CacheDataEncrypted", null), object.get(s, "CachingEnabled", null))
}

encrypts_or_off(enc, _) if may_be_true(enc)

encrypts_or_off(_, caching) if core.is_false(caching)

encrypts_or_off(_, caching) if core.is_unknown(caching)

wildcard(x, want) if x == want

wildcard(x, _) if core.is_unknown(x)

# Terraform: a method settings resource that caches without encrypting.
deny contains f if {
	view.family == "terraform"
	some v in view.by_type.aws_api_gateway_method_settings
	core.is_true(view.get(v.values, ["settings", 0, "caching_enabled"]))
	x := view.or_else(view.get(v.values, ["settings", 0, "cache_data_encrypted"]), false)
	core.not_true(x)
	f := view.finding_at(v, ["settings", 0, "cache_data_encrypted"], "API Gateway method settings cache responses unencrypted (settings.cache_data_encrypted is not true)", fix)
}

# Terraform: a stage with a cache cluster and no "*/*" method settings in
# the module that encrypts.
deny contains f if {
	view.family == "terraform"
	some v in view.by_type.aws_api_gateway_stage
	core.is_true(view.get(v.values, ["cache_cluster_enabled"]))
	not tf_all_methods_encrypted
	f := view.finding_at(v, ["cache_cluster_enabled"], "API Gateway stage cache cluster caches GET responses unencrypted (no aws_api_gateway_method_settings for */* sets cache_data_encrypted)", fix)
}

tf_all_methods_encrypted if {
	some v in view.by_type.aws_api_gateway_method_settings
	wildcard(view.get(v.values, ["method_path"]), "*/*")
	encrypts_or_off(
		view.get(v.values, ["settings", 0, "cache_data_encrypted"]),
		view.get(v.values, ["settings", 0, "caching_enabled"]),
	)
}
