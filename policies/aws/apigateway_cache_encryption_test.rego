package tollgate.aws.apigateway_cache_encryption_test

import rego.v1

import data.tollgate.aws.apigateway_cache_encryption

stage(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"S": {"Type": "AWS::ApiGateway::Stage", "Properties": props}}}

tf(format, resources) := {"tollgate": {"format": format}, "resources": [r |
	some i, x in resources
	r := {"mode": "managed", "type": x[0], "address": sprintf("%s.r%d", [x[0], i]), "values": x[1]}
]}

paths(fs) := {f.path | some f in fs}

all_encrypted := {"ResourcePath": "/*", "HttpMethod": "*", "CachingEnabled": true, "CacheDataEncrypted": true}

test_caching_method_without_encryption_reported if {
	fs := apigateway_cache_encryption.deny with input as stage({"MethodSettings": [{"ResourcePath": "/a", "HttpMethod": "GET", "CachingEnabled": true}]})
	paths(fs) == {["Resources", "S", "Properties", "MethodSettings", 0, "CacheDataEncrypted"]}
}

test_cache_cluster_caches_get_by_default if {
	fs := apigateway_cache_encryption.deny with input as stage({"CacheClusterEnabled": true})
	paths(fs) == {["Resources", "S", "Properties", "CacheClusterEnabled"]}
}

test_cache_cluster_with_encrypted_wildcard_passes if {
	count(apigateway_cache_encryption.deny) == 0 with input as stage({"CacheClusterEnabled": "true", "MethodSettings": [all_encrypted]})
}

test_cache_cluster_with_caching_off_passes if {
	count(apigateway_cache_encryption.deny) == 0 with input as stage({"CacheClusterEnabled": true, "MethodSettings": [{"ResourcePath": "/*", "HttpMethod": "*", "CachingEnabled": false}]})
}

test_unknown_settings_pass if {
	count(apigateway_cache_encryption.deny) == 0 with input as stage({"CacheClusterEnabled": true, "MethodSettings": {"__unknown__": true}})
	count(apigateway_cache_encryption.deny) == 0 with input as stage({"CacheClusterEnabled": true, "MethodSettings": [{"__unknown__": true}]})
	count(apigateway_cache_encryption.deny) == 0 with input as stage({"CacheClusterEnabled": {"__unknown__": true}})
}

test_no_cache_passes if {
	count(apigateway_cache_encryption.deny) == 0 with input as stage({"StageName": "dev"})
}

test_terraform_method_settings_reported if {
	fs := apigateway_cache_encryption.deny with input as tf("terraform-plan", [["aws_api_gateway_method_settings", {"method_path": "a/GET", "settings": [{"caching_enabled": true, "cache_data_encrypted": false}]}]])
	paths(fs) == {["resources", 0, "values", "settings", 0, "cache_data_encrypted"]}
}

test_terraform_stage_without_wildcard_reported if {
	fs := apigateway_cache_encryption.deny with input as tf("terraform", [["aws_api_gateway_stage", {"cache_cluster_enabled": true}]])
	paths(fs) == {["resources", 0, "values", "cache_cluster_enabled"]}
}

test_terraform_stage_with_encrypted_wildcard_passes if {
	count(apigateway_cache_encryption.deny) == 0 with input as tf("terraform", [
		["aws_api_gateway_stage", {"cache_cluster_enabled": true}],
		["aws_api_gateway_method_settings", {"method_path": "*/*", "settings": [{"caching_enabled": true, "cache_data_encrypted": true}]}],
	])
}

test_terraform_unknown_settings_pass if {
	count(apigateway_cache_encryption.deny) == 0 with input as tf("terraform-plan", [
		["aws_api_gateway_stage", {"cache_cluster_enabled": true}],
		["aws_api_gateway_method_settings", {"method_path": {"__unknown__": true}, "settings": {"__unknown__": true}}],
	])
}

deployment(desc) := {"tollgate": {"format": "cloudformation"}, "Resources": {"D": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": "a", "StageDescription": desc}}}}

test_deployment_stage_wide_caching_reported if {
	fs := apigateway_cache_encryption.deny with input as deployment({"CachingEnabled": true, "CacheClusterEnabled": true})
	paths(fs) == {["Resources", "D", "Properties", "StageDescription", "CacheDataEncrypted"]}
}

test_deployment_stage_wide_encryption_passes if {
	count(apigateway_cache_encryption.deny) == 0 with input as deployment({"CachingEnabled": true, "CacheClusterEnabled": true, "CacheDataEncrypted": true})
	count(apigateway_cache_encryption.deny) == 0 with input as deployment({"CacheClusterEnabled": true, "CacheDataEncrypted": true})
}

test_deployment_cache_cluster_reported if {
	fs := apigateway_cache_encryption.deny with input as deployment({"CacheClusterEnabled": true})
	paths(fs) == {["Resources", "D", "Properties", "StageDescription", "CacheClusterEnabled"]}
}

test_sam_api_reported if {
	doc := {"tollgate": {"format": "cloudformation"}, "Resources": {"Api": {"Type": "AWS::Serverless::Api", "Properties": {"StageName": "prod", "CacheClusterEnabled": true}}}}
	fs := apigateway_cache_encryption.deny with input as doc
	paths(fs) == {["Resources", "Api", "Properties", "CacheClusterEnabled"]}
}
