package tollgate.aws.apigateway_domain_tls_test

import rego.v1

import data.tollgate.aws.apigateway_domain_tls

cfn(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": type, "Properties": props}}}

tf(format, type, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": type, "address": concat(".", [type, "r"]), "values": values}]}

paths(fs) := {f.path | some f in fs}

test_rest_default_is_tls_1_0 if {
	fs := apigateway_domain_tls.deny with input as cfn("AWS::ApiGateway::DomainName", {"DomainName": "api.example.com"})
	paths(fs) == {["Resources", "R", "Properties", "SecurityPolicy"]}
	some f in fs
	contains(f.message, "not set, TLS_1_0")
}

test_rest_modern_policies_pass if {
	every p in ["TLS_1_2", "tls_1_2", "SecurityPolicy_TLS13_1_3_2025_09", "SecurityPolicy_TLS12_PFS_2025_EDGE"] {
		count(apigateway_domain_tls.deny) == 0 with input as cfn("AWS::ApiGateway::DomainName", {"SecurityPolicy": p})
	}
}

test_rest_unknown_passes if {
	count(apigateway_domain_tls.deny) == 0 with input as cfn("AWS::ApiGateway::DomainName", {"SecurityPolicy": {"__unknown__": true}})
}

test_terraform_rest_missing_reported if {
	fs := apigateway_domain_tls.deny with input as tf("terraform", "aws_api_gateway_domain_name", {"domain_name": "api.example.com"})
	paths(fs) == {["resources", 0, "values", "security_policy"]}
}

# In a plan an unset security_policy is computed: known only after apply.
test_plan_unknown_passes if {
	count(apigateway_domain_tls.deny) == 0 with input as tf("terraform-plan", "aws_api_gateway_domain_name", {"security_policy": {"__unknown__": true}})
}

test_v2_default_is_tls_1_2 if {
	count(apigateway_domain_tls.deny) == 0 with input as cfn("AWS::ApiGatewayV2::DomainName", {"DomainNameConfigurations": [{"EndpointType": "REGIONAL"}]})
}

test_v2_tls_1_0_reported if {
	fs := apigateway_domain_tls.deny with input as cfn("AWS::ApiGatewayV2::DomainName", {"DomainNameConfigurations": [{"SecurityPolicy": "TLS_1_2"}, {"SecurityPolicy": "TLS_1_0"}]})
	paths(fs) == {["Resources", "R", "Properties", "DomainNameConfigurations", 1, "SecurityPolicy"]}
}

test_terraform_v2_tls_1_0_reported if {
	fs := apigateway_domain_tls.deny with input as tf("terraform-plan", "aws_apigatewayv2_domain_name", {"domain_name_configuration": [{"security_policy": "TLS_1_0"}]})
	paths(fs) == {["resources", 0, "values", "domain_name_configuration", 0, "security_policy"]}
}
