# METADATA
# description: >-
#   The internet-facing resources a web application firewall protects
#   (application load balancers, CloudFront distributions, API Gateway
#   REST stages, AppSync GraphQL APIs) and the web ACL associations of the
#   same document that cover them, as one view (see lib/view.rego).
package tollgate.lib.aws.waf

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.view

# protected are the resources that need a web ACL, each view with "kind"
# ("alb", "cloudfront", "api", "appsync"): internet-facing application
# load balancers (Scheme and Type default to internet-facing and
# application), every distribution, the stages of REST APIs of the
# document that are not PRIVATE, and GraphQL APIs whose Visibility is not
# PRIVATE.
protected contains object.union(v, {"kind": "alb"}) if {
	some type in ["AWS::ElasticLoadBalancingV2::LoadBalancer", "aws_lb", "aws_alb"]
	some v in view.by_type[type]
	_internet_facing_alb(v)
}

protected contains object.union(v, {"kind": "cloudfront"}) if {
	some v in distributions
}

protected contains object.union(v, {"kind": "api"}) if {
	some type in ["AWS::ApiGateway::Stage", "aws_api_gateway_stage"]
	some v in view.by_type[type]
	api := _rest_api_of(v)
	not _private_api(api)
}

protected contains object.union(v, {"kind": "appsync"}) if {
	some type, name in {"AWS::AppSync::GraphQLApi": "Visibility", "aws_appsync_graphql_api": "visibility"}
	some v in view.by_type[type]
	view.get(v.values, [name]) in {null, "GLOBAL"}
}

# distributions carry web_acl: WebACLId (web_acl_id), which takes a WAFv2
# web ACL ARN or a WAF Classic web ACL id.
distributions := view.resources({
	"cloudformation": {"type": "AWS::CloudFront::Distribution", "fields": {
		"config": ["DistributionConfig"],
		"web_acl": ["DistributionConfig", "WebACLId"],
	}},
	"terraform": {"type": "aws_cloudfront_distribution", "fields": {"web_acl": ["web_acl_id"]}},
})

_internet_facing_alb(v) if {
	v.family == "cloudformation"
	view.get(v.values, ["Scheme"]) in {null, "internet-facing"}
	view.get(v.values, ["Type"]) in {null, "application"}
}

_internet_facing_alb(v) if {
	v.family == "terraform"
	view.get(v.values, ["internal"]) in {null, false}
	view.get(v.values, ["load_balancer_type"]) in {null, "application"}
}

# _rest_api_of returns the raw REST API resource a stage belongs to, when
# the document creates it (undefined otherwise: whether an API from
# elsewhere is private cannot be told, so its stages are not judged).
_rest_api_of(v) := input.Resources[id] if {
	v.family == "cloudformation"
	x := view.get(v.values, ["RestApiId"])
	core.is_unknown(x)
	id := x.ref
	input.Resources[id].Type == "AWS::ApiGateway::RestApi"
}

_rest_api_of(v) := r if {
	v.family == "terraform"
	x := view.get(v.values, ["rest_api_id"])
	some r in view.by_type.aws_api_gateway_rest_api
	tf_encryption.names(x, view.raw(r), "id")
}

_private_api(api) if {
	types := _endpoint_types(api)
	not is_array(types)
}

_private_api(api) if {
	some t in _endpoint_types(api)
	t == "PRIVATE"
}

_private_api(api) if {
	some t in _endpoint_types(api)
	core.is_unknown(t)
}

_endpoint_types(api) := object.get(object.get(api, "Properties", {}), ["EndpointConfiguration", "Types"], []) if api.Type

else := object.get(object.get(api, "values", {}), ["endpoint_configuration", 0, "types"], [])

# associated holds when a web ACL association of the document targets the
# resource p, or may: an association whose target cannot be resolved to a
# resource of the document (a parameter, an import) may be for any
# resource of its kind (any kind, when the ARN does not tell). The targets
# and the kinds of unresolved targets are computed once per document, so a
# template of thousands of load balancers and associations stays linear.
associated(p) if {
	p.family == "cloudformation"
	some name in _cfn_covered(p)
	name in _cfn_targets
}

associated(p) if {
	p.family == "terraform"
	some r in _tf_covered(p)
	tf.base_address(r.address) in _tf_targets
}

associated(p) if p.kind in _unresolved_kinds

# associations are the target ARNs of WAFv2 and WAF Classic (regional)
# associations, as {"family", "arn"}.
associations contains {"family": v.family, "arn": view.get(v.values, [name])} if {
	some type, name in {
		"AWS::WAFv2::WebACLAssociation": "ResourceArn",
		"AWS::WAFRegional::WebACLAssociation": "ResourceArn",
		"aws_wafv2_web_acl_association": "resource_arn",
		"aws_wafregional_web_acl_association": "resource_arn",
	}
	some v in view.by_type[type]
}

# _cfn_targets are the logical ids association ARNs refer to.
_cfn_targets := {name |
	some a in associations
	a.family == "cloudformation"
	some name in _cfn_mentions(a.arn)
}

# _tf_targets are the resource addresses (without instance keys)
# association ARNs refer to.
_tf_targets := {tf.base_address(ref) |
	some a in associations
	a.family == "terraform"
	core.is_unknown(a.arn)
	some ref in tf_encryption.unknown_refs(a.arn)
	is_string(ref)
}

# _unresolved_kinds are the kinds of resource an association with an
# unresolved target may be for.
_unresolved_kinds := {kind |
	some a in associations
	_unresolved(a)
	some kind in ["alb", "api", "appsync"]
	_kind_may_be(a, kind)
}

# A stage is covered by an association that names it or its REST API (the
# stage ARN is built from both).
_cfn_covered(p) := {p.resource, x.ref} if {
	p.kind == "api"
	x := view.get(p.values, ["RestApiId"])
	is_string(x.ref)
} else := {p.resource}

_tf_covered(p) := [view.raw(p), r] if {
	p.kind == "api"
	r := _rest_api_of(p)
	is_object(r)
} else := [view.raw(p)]

# _cfn_mentions are the logical ids an unknown refers to: a Ref or GetAtt,
# or the names a Fn::Sub or Fn::Join expression spells.
_cfn_mentions(x) := {x.ref} | _expr_names(x) if {
	core.is_unknown(x)
	is_string(x.ref)
} else := _expr_names(x) if core.is_unknown(x)

else := set()

_expr_names(x) := {n |
	is_string(x.expr)
	some m in regex.find_all_string_submatch_n(`\$\{([A-Za-z0-9]+)[.}]|"Ref":"([A-Za-z0-9]+)"|"Fn::GetAtt":\["?([A-Za-z0-9]+)`, x.expr, -1)
	some n in array.slice(m, 1, 4)
	n != ""
}

# _unresolved holds when an association's target is no resource of the
# document: an unknown that refers to none (a parameter, an import, a
# variable, a data source).
_unresolved(a) if {
	a.family == "cloudformation"
	core.is_unknown(a.arn)
	every n in _cfn_mentions(a.arn) {
		not input.Resources[n]
	}
}

_unresolved(a) if {
	a.family == "terraform"
	core.is_unknown(a.arn)
	every t in _protected_types {
		tf_encryption.may_name_any(a.arn, t)
	}
}

_protected_types := ["aws_lb", "aws_alb", "aws_api_gateway_stage", "aws_api_gateway_rest_api", "aws_appsync_graphql_api"]

# _kind_may_be holds when an unresolved ARN may be of a resource of kind:
# its expression names the service, or names none.
_kind_may_be(a, kind) if {
	some k, words in _kind_words
	k == kind
	some w in words
	contains(lower(_text(a.arn)), w)
}

_kind_may_be(a, _) if {
	text := lower(_text(a.arn))
	every _, words in _kind_words {
		every w in words {
			not contains(text, w)
		}
	}
}

_kind_words := {
	"alb": ["elasticloadbalancing", "loadbalancer", "aws_lb", "aws_alb", "alb"],
	"api": ["apigateway", "restapis", "api_gateway"],
	"appsync": ["appsync", "graphql"],
}

_text(x) := x.expr if is_string(x.expr)

else := ""
