package tollgate.aws.waf_web_acl_test

import rego.v1

import data.tollgate.aws.waf_web_acl as rule

ref(name) := {"__unknown__": true, "expr": sprintf("Ref %s", [name]), "ref": name}

getatt(name, attr) := {"__unknown__": true, "expr": sprintf("Fn::GetAtt %s.%s", [name, attr]), "ref": name, "attribute": attr}

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

alb := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Scheme": "internet-facing", "Subnets": ["subnet-1", "subnet-2"]}}

association(arn) := {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {"ResourceArn": arn, "WebACLArn": getatt("Acl", "Arn")}}

test_cloudformation_alb_without_association if {
	rule.deny == {{
		"resource": "Lb",
		"path": ["Resources", "Lb"],
		"message": "internet-facing application load balancer is not associated with a WAF web ACL (no web ACL association in this document targets it)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn({"Lb": alb})
}

test_cloudformation_alb_defaults_and_exclusions if {
	count(rule.deny) == 1 with input as cfn({"Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {}}})
	count(rule.deny) == 0 with input as cfn({"Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Scheme": "internal"}}})
	count(rule.deny) == 0 with input as cfn({"Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "network"}}})
	count(rule.deny) == 0 with input as cfn({"Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Scheme": ref("Scheme")}}})
}

test_cloudformation_associations if {
	count(rule.deny) == 0 with input as cfn({"Lb": alb, "Waf": association(ref("Lb"))})

	# An association for something else does not cover the load balancer.
	count(rule.deny) == 1 with input as cfn({"Lb": alb, "Other": alb, "Waf": association(ref("Other"))})

	# Unknown targets may be this one.
	count(rule.deny) == 0 with input as cfn({"Lb": alb, "Waf": association(ref("LoadBalancerArn"))})
	count(rule.deny) == 0 with input as cfn({"Lb": alb, "Waf": association({"__unknown__": true, "expr": "Fn::ImportValue shared-alb-arn"})})

	# ... unless its ARN says it is of another kind.
	api_arn := {"__unknown__": true, "expr": "Fn::Sub arn:aws:apigateway:${AWS::Region}::/restapis/${ApiId}/stages/prod"}
	count(rule.deny) == 1 with input as cfn({"Lb": alb, "Waf": association(api_arn)})

	# A literal ARN is a resource that exists already, not this one.
	count(rule.deny) == 1 with input as cfn({"Lb": alb, "Waf": association("arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/old/50dc6c495c0c9188")})
}

rest_api(types) := {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "orders", "EndpointConfiguration": {"Types": types}}}

stage := {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": ref("Api"), "StageName": "prod", "DeploymentId": ref("Deployment")}}

test_cloudformation_api_stage if {
	rule.deny == {{
		"resource": "Prod",
		"path": ["Resources", "Prod"],
		"message": "API Gateway REST API stage is not associated with a WAF web ACL (no web ACL association in this document targets it)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn({"Api": rest_api(["REGIONAL"]), "Prod": stage})
	count(rule.deny) == 0 with input as cfn({"Api": rest_api(["PRIVATE"]), "Prod": stage})

	# CDK writes the stage ARN as a Fn::Join over the API and the stage.
	join := {"__unknown__": true, "expr": "Fn::Join [\"\",[\"arn:aws:apigateway:\",{\"Ref\":\"AWS::Region\"},\"::/restapis/\",{\"Ref\":\"Api\"},\"/stages/\",{\"Ref\":\"Prod\"}]]"}
	count(rule.deny) == 0 with input as cfn({"Api": rest_api(["REGIONAL"]), "Prod": stage, "Waf": association(join)})
	sub := {"__unknown__": true, "expr": "Fn::Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod"}
	count(rule.deny) == 0 with input as cfn({"Api": rest_api(["REGIONAL"]), "Prod": stage, "Waf": association(sub)})

	# A stage of an API from elsewhere may be private.
	count(rule.deny) == 0 with input as cfn({"Prod": object.union(stage, {"Properties": {"RestApiId": ref("ApiIdParam")}})})
}

test_cloudformation_appsync if {
	api := {"Type": "AWS::AppSync::GraphQLApi", "Properties": {"Name": "orders", "AuthenticationType": "AMAZON_COGNITO_USER_POOLS"}}
	count(rule.deny) == 1 with input as cfn({"Graph": api})
	count(rule.deny) == 0 with input as cfn({"Graph": api, "Waf": association(getatt("Graph", "Arn"))})
	count(rule.deny) == 0 with input as cfn({"Graph": object.union(api, {"Properties": {"Visibility": "PRIVATE"}})})
}

test_cloudformation_distribution if {
	d := {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"Enabled": true}}}
	rule.deny == {{
		"resource": "Cdn",
		"path": ["Resources", "Cdn", "Properties", "DistributionConfig", "WebACLId"],
		"message": "CloudFront distribution has no WAF web ACL (DistributionConfig.WebACLId is not set)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn({"Cdn": d})
	count(rule.deny) == 0 with input as cfn({"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"Enabled": true, "WebACLId": getatt("Acl", "Arn")}}}})
	count(rule.deny) == 0 with input as cfn({"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"__unknown__": true, "expr": "Fn::If"}}}})
}

test_switched_off if {
	count(rule.deny) == 0 with input as cfn({"Lb": alb}) with data.tollgate.config.require_waf as false
	count(rule.deny) == 1 with input as cfn({"Lb": alb}) with data.tollgate.config.require_waf as true
}

tf(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

lb := {"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "values": {"name": "web", "internal": false}}

assoc(arn) := {"address": "aws_wafv2_web_acl_association.web", "mode": "managed", "type": "aws_wafv2_web_acl_association", "values": {"resource_arn": arn}}

test_terraform_alb if {
	rule.deny == {{
		"resource": "aws_lb.web",
		"path": ["resources", 0],
		"message": "internet-facing application load balancer is not associated with a WAF web ACL (no web ACL association in this document targets it)",
		"remediation": rule.fix.terraform,
	}} with input as tf([lb])
	count(rule.deny) == 0 with input as tf([lb, assoc({"__unknown__": true, "expr": "aws_lb.web.arn", "ref": "aws_lb.web", "attribute": "arn"})])
	count(rule.deny) == 0 with input as tf([lb, assoc({"__unknown__": true, "expr": "var.lb_arn"})])
	count(rule.deny) == 1 with input as tf([lb, assoc({"__unknown__": true, "expr": "aws_appsync_graphql_api.g.arn", "ref": "aws_appsync_graphql_api.g"}), {"address": "aws_appsync_graphql_api.g", "mode": "managed", "type": "aws_appsync_graphql_api", "values": {"visibility": "PRIVATE"}}])
	count(rule.deny) == 0 with input as tf([object.union(lb, {"values": {"internal": true}})])
	count(rule.deny) == 0 with input as tf([object.union(lb, {"values": {"load_balancer_type": "network"}})])
}

test_terraform_distribution if {
	d := {"address": "aws_cloudfront_distribution.cdn", "mode": "managed", "type": "aws_cloudfront_distribution", "values": {"enabled": true, "web_acl_id": ""}}
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.cdn",
		"path": ["resources", 0, "values", "web_acl_id"],
		"message": "CloudFront distribution has no WAF web ACL (web_acl_id is not set)",
		"remediation": rule.fix.terraform,
	}} with input as tf([d])
	count(rule.deny) == 0 with input as tf([object.union(d, {"values": {"web_acl_id": {"__unknown__": true, "expr": "aws_wafv2_web_acl.cdn.arn"}}})])
}

test_terraform_stage if {
	api := {"address": "aws_api_gateway_rest_api.orders", "mode": "managed", "type": "aws_api_gateway_rest_api", "values": {"name": "orders"}}
	st := {"address": "aws_api_gateway_stage.prod", "mode": "managed", "type": "aws_api_gateway_stage", "values": {"stage_name": "prod", "rest_api_id": {"__unknown__": true, "expr": "aws_api_gateway_rest_api.orders.id", "ref": "aws_api_gateway_rest_api.orders", "attribute": "id"}}}
	count(rule.deny) == 1 with input as tf([api, st])
	private := object.union(api, {"values": {"endpoint_configuration": [{"types": ["PRIVATE"]}]}})
	count(rule.deny) == 0 with input as tf([private, st])
	a := {"address": "aws_wafv2_web_acl_association.prod", "mode": "managed", "type": "aws_wafv2_web_acl_association", "values": {"resource_arn": {"__unknown__": true, "expr": "aws_api_gateway_stage.prod.arn", "ref": "aws_api_gateway_stage.prod", "attribute": "arn"}}}
	count(rule.deny) == 0 with input as tf([api, st, a])
}
