# METADATA
# title: Load balancer listeners use TLS 1.2 or later
# description: >-
#   Application and Network Load Balancer listeners must use HTTPS or TLS with
#   a security policy whose minimum version is TLS 1.2; without SslPolicy the
#   default ELBSecurityPolicy-2016-08 accepts TLS 1.0 and 1.1. An HTTP listener
#   is accepted only when every default action redirects to HTTPS. TCP, UDP,
#   TCP_UDP and GENEVE listeners are not reported (TLS may be passed through
#   to the targets). Classic Load Balancer listeners with Protocol HTTP are
#   reported; their HTTPS/SSL negotiation policies are not checked.
# custom:
#   id: aws-elb-listener-tls
#   severity: medium
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancing::LoadBalancer"]
#   remediation: >-
#     Use Protocol HTTPS (ALB) or TLS (NLB) with SslPolicy
#     ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.2+ policy), or make
#     an HTTP listener's DefaultActions a redirect with RedirectConfig.Protocol
#     HTTPS; on a Classic Load Balancer use Protocol HTTPS.
package tollgate.cloudformation.elb_listener_tls

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption

default_elbv2_policy := "ELBSecurityPolicy-2016-08"

deny contains f if {
	some name, r in cfn.resources("AWS::ElasticLoadBalancingV2::Listener")
	protocol := encryption.prop(r, ["Protocol"], "")
	is_string(protocol)
	upper(protocol) == "HTTP"
	not redirects_to_https(encryption.prop(r, ["DefaultActions"], []))
	f := cfn.finding(name, ["Protocol"], "listener serves plain HTTP and does not redirect every request to HTTPS")
}

deny contains f if {
	some name, r in cfn.resources("AWS::ElasticLoadBalancingV2::Listener")
	protocol := encryption.prop(r, ["Protocol"], "")
	is_string(protocol)
	upper(protocol) in {"HTTPS", "TLS"}
	policy := encryption.prop(r, ["SslPolicy"], default_elbv2_policy)
	is_string(policy)
	not encryption.elbv2_modern_policy(policy)
	f := cfn.finding(name, ["SslPolicy"], sprintf("listener security policy %s accepts TLS versions older than 1.2", [policy]))
}

deny contains f if {
	some name, r in cfn.resources("AWS::ElasticLoadBalancing::LoadBalancer")
	listeners := encryption.prop(r, ["Listeners"], [])
	is_array(listeners)
	some i, l in listeners
	is_object(l)
	protocol := object.get(l, "Protocol", "")
	is_string(protocol)
	upper(protocol) == "HTTP"
	f := cfn.finding(name, ["Listeners", i, "Protocol"], sprintf("classic load balancer listener on port %v serves plain HTTP", [object.get(l, "LoadBalancerPort", "?")]))
}

# redirects_to_https holds when the actions are unknown, or every action is a
# redirect whose protocol is HTTPS (the default "#{protocol}" keeps HTTP).
redirects_to_https(actions) if core.is_unknown(actions)

redirects_to_https(actions) if {
	is_array(actions)
	count(actions) > 0
	every a in actions {
		https_redirect(a)
	}
}

https_redirect(a) if core.is_unknown(a)

https_redirect(a) if {
	lower(object.get(a, "Type", "")) == "redirect"
	target := encryption.lookup(a, ["RedirectConfig", "Protocol"], "#{protocol}")
	https_or_unknown(target)
}

https_or_unknown(p) if core.is_unknown(p)

https_or_unknown(p) if {
	is_string(p)
	upper(p) == "HTTPS"
}
