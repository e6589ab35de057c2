# METADATA
# title: API Gateway custom domains require TLS 1.2
# description: >-
#   A REST API custom domain (AWS::ApiGateway::DomainName,
#   aws_api_gateway_domain_name) uses the TLS_1_0 security policy unless
#   SecurityPolicy says otherwise, so clients may negotiate TLS 1.0 and 1.1.
#   HTTP and WebSocket API domains (AWS::ApiGatewayV2::DomainName,
#   aws_apigatewayv2_domain_name) default to TLS_1_2 and are reported only
#   when a configuration asks for TLS_1_0. TLS_1_2 and the enhanced
#   SecurityPolicy_TLS12_* and SecurityPolicy_TLS13_* policies pass. In a
#   plan an unset security_policy is known only after apply and is not
#   reported.
# custom:
#   id: aws-apigateway-domain-tls
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ApiGateway::DomainName", "AWS::ApiGatewayV2::DomainName", "aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"]
#   remediation: Set SecurityPolicy (security_policy) to TLS_1_2 or a SecurityPolicy_TLS13_* policy.
package tollgate.aws.apigateway_domain_tls

import rego.v1

import data.tollgate.lib.view

fix := {
	"cloudformation": "Set SecurityPolicy to TLS_1_2 (or a SecurityPolicy_TLS13_* policy); for AWS::ApiGatewayV2::DomainName set DomainNameConfigurations[].SecurityPolicy to TLS_1_2.",
	"terraform": "Set security_policy = \"TLS_1_2\" (or a SecurityPolicy_TLS13_* policy); for aws_apigatewayv2_domain_name set domain_name_configuration.security_policy = \"TLS_1_2\".",
}

# modern holds for policies whose minimum version is TLS 1.2.
modern(p) if upper(p) == "TLS_1_2"

modern(p) if regex.match(`^(?i)SecurityPolicy_TLS1[23]`, p)

# REST domains: the default is TLS_1_0, so a missing policy is reported.
_rest := {
	"cloudformation": {"type": "AWS::ApiGateway::DomainName", "policy": ["SecurityPolicy"]},
	"terraform": {"type": "aws_api_gateway_domain_name", "policy": ["security_policy"]},
}

deny contains f if {
	spec := _rest[view.family]
	some v in view.by_type[spec.type]
	x := view.get(v.values, spec.policy)
	weak(x, "TLS_1_0")
	f := view.finding_at(v, spec.policy, sprintf("API Gateway custom domain accepts TLS 1.0 and 1.1 (%s is %s)", [view.dotted(spec.policy), view.or_else(x, "not set, TLS_1_0")]), fix)
}

# weak holds for a known policy below TLS 1.2, or a missing one whose
# service default is.
weak(null, "TLS_1_0")

weak(x, _) if {
	is_string(x)
	not modern(x)
}

# HTTP and WebSocket domains: one configuration per endpoint, TLS_1_2 by
# default.
_v2 := {
	"cloudformation": {"type": "AWS::ApiGatewayV2::DomainName", "configs": ["DomainNameConfigurations"], "policy": ["SecurityPolicy"]},
	"terraform": {"type": "aws_apigatewayv2_domain_name", "configs": ["domain_name_configuration"], "policy": ["security_policy"]},
}

deny contains f if {
	spec := _v2[view.family]
	some v in view.by_type[spec.type]
	configs := view.get(v.values, spec.configs)
	is_array(configs)
	some i, c in configs
	x := view.get(c, spec.policy)
	weak(x, "TLS_1_2")
	p := array.concat(array.concat(spec.configs, [i]), spec.policy)
	f := view.finding_at(v, p, sprintf("API Gateway custom domain accepts TLS 1.0 and 1.1 (%s is %s)", [view.dotted(p), x]), fix)
}
