# METADATA
# title: Internet-facing applications are behind a web application firewall
# description: >-
#   Internet-facing application load balancers, CloudFront distributions,
#   API Gateway REST API stages and AppSync GraphQL APIs should be
#   associated with an AWS WAF web ACL that filters common attacks (SQL
#   injection, cross-site scripting, known bad inputs, request floods).
#   A distribution is reported when DistributionConfig.WebACLId
#   (web_acl_id) is missing; the other resources when no
#   AWS::WAFv2::WebACLAssociation (aws_wafv2_web_acl_association; WAF
#   Classic regional associations count too) in the same document has a
#   ResourceArn (resource_arn) that refers to them (Ref, Fn::GetAtt, or a
#   Fn::Sub / Fn::Join naming the resource; a stage also counts as
#   covered by an association naming its REST API). Load balancers with
#   Scheme internal or Type network/gateway, PRIVATE REST APIs, stages of
#   REST APIs created elsewhere, and AppSync APIs with Visibility PRIVATE
#   are not reported; nor are stages that only a Deployment's StageName
#   creates, HTTP APIs (API Gateway v2, which WAF cannot protect) or SAM
#   AWS::Serverless::Api resources before the transform. When an association's target is unknown (a
#   parameter, an imported value, a variable), resources of the kind its
#   ARN names (any kind when it names none) are not reported: the
#   association may be theirs. A web ACL can also be associated from
#   another stack or by AWS Firewall Manager: then turn the rule off with
#   require_waf: false in .tollgate.yaml.
# custom:
#   id: aws-waf-web-acl
#   severity: medium
#   theme: network-exposure
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::AppSync::GraphQLApi", "AWS::ApiGateway::Stage", "AWS::CloudFront::Distribution", "AWS::ElasticLoadBalancingV2::LoadBalancer", "aws_alb", "aws_api_gateway_stage", "aws_appsync_graphql_api", "aws_cloudfront_distribution", "aws_lb"]
#   remediation: >-
#     Create an AWS::WAFv2::WebACL (with the AWS managed rule groups, e.g.
#     AWSManagedRulesCommonRuleSet) and associate it: WebACLId in the
#     distribution's DistributionConfig (a CLOUDFRONT-scope web ACL ARN),
#     an AWS::WAFv2::WebACLAssociation with ResourceArn the load balancer,
#     stage or GraphQL API ARN for the others. When Firewall Manager or
#     another stack associates it, set require_waf: false.
package tollgate.aws.waf_web_acl

import rego.v1

import data.tollgate.lib.aws.waf
import data.tollgate.lib.core
import data.tollgate.lib.view

fix := {
	"cloudformation": "Create an AWS::WAFv2::WebACL (with AWS managed rule groups such as AWSManagedRulesCommonRuleSet) and associate it: DistributionConfig.WebACLId for a distribution (a CLOUDFRONT-scope web ACL ARN), an AWS::WAFv2::WebACLAssociation with ResourceArn the load balancer, stage or GraphQL API ARN for the others. When Firewall Manager or another stack associates it, set require_waf: false.",
	"terraform": "Create an aws_wafv2_web_acl (with AWS managed rule groups such as AWSManagedRulesCommonRuleSet) and associate it: web_acl_id on a distribution (a CLOUDFRONT-scope web ACL ARN), an aws_wafv2_web_acl_association with resource_arn the load balancer, stage or GraphQL API ARN for the others. When Firewall Manager or another configuration associates it, set require_waf: false.",
}

# The rule is on unless the configuration says require_waf: false.
enabled if not data.tollgate.config.require_waf == false

_words := {
	"alb": "internet-facing application load balancer",
	"api": "API Gateway REST API stage",
	"appsync": "AppSync GraphQL API",
}

deny contains f if {
	enabled
	some p in waf.protected
	p.kind != "cloudfront"
	not waf.associated(p)
	f := view.resource_finding(p, sprintf("%s is not associated with a WAF web ACL (no web ACL association in this document targets it)", [_words[p.kind]]), fix)
}

deny contains f if {
	enabled
	some p in waf.protected
	p.kind == "cloudfront"
	not core.is_unknown(view.value(p, "config"))
	view.value_or(p, "web_acl", "") == "" # plans list an unset id as ""
	f := view.finding(p, "web_acl", sprintf("CloudFront distribution has no WAF web ACL (%s is not set)", [view.spelled(p, "web_acl")]), fix)
}
