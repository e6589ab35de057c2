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
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ElasticLoadBalancing::LoadBalancer", "AWS::ElasticLoadBalancingV2::Listener", "aws_alb_listener", "aws_elb", "aws_lb_listener"]
#   remediation: >-
#     Use Protocol HTTPS (ALB) or TLS (NLB) with SslPolicy
#     ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.2+ policy), or make
#     an HTTP listener's DefaultActions a redirect with RedirectConfig.Protocol
#     HTTPS; on a Classic Load Balancer use Protocol HTTPS.
package tollgate.aws.elb_listener_tls

import rego.v1

import data.tollgate.lib.aws.elb
import data.tollgate.lib.encryption
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Use Protocol HTTPS (ALB) or TLS (NLB) with SslPolicy ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.2+ policy), or make an HTTP listener's DefaultActions a redirect with RedirectConfig.Protocol HTTPS; on a Classic Load Balancer use Protocol HTTPS.",
	"terraform": "Set protocol = \"HTTPS\" (ALB) or \"TLS\" (NLB) with certificate_arn and ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (or another TLS 1.2+ policy), or give an HTTP listener a single default_action { type = \"redirect\" redirect { protocol = \"HTTPS\" port = \"443\" status_code = \"HTTP_301\" } }; on an aws_elb listener use lb_protocol = \"https\" with ssl_certificate_id.",
}

deny contains f if {
	some l in elb.listeners
	protocol := view.value_or(l, "protocol", "")
	is_string(protocol)
	upper(protocol) == "HTTP"
	not elb.redirects_to_https(l)
	f := view.finding(l, "protocol", "listener serves plain HTTP and does not redirect every request to HTTPS", fix)
}

# Without SslPolicy a secure listener gets ELBSecurityPolicy-2016-08,
# which accepts TLS 1.0 and 1.1.
deny contains f if {
	some l in elb.listeners
	protocol := view.value_or(l, "protocol", "")
	is_string(protocol)
	upper(protocol) in {"HTTPS", "TLS"}
	policy := view.value_or(l, "ssl_policy", "ELBSecurityPolicy-2016-08")
	is_string(policy)
	not encryption.elbv2_modern_policy(policy)
	f := view.finding(l, "ssl_policy", sprintf("listener security policy %s accepts TLS versions older than 1.2", [policy]), fix)
}

deny contains f if {
	some lb in elb.classic_load_balancers
	some l in elb.classic_listeners(lb)
	is_string(l.protocol.value)
	upper(l.protocol.value) == "HTTP"
	f := view.field_finding(lb, l.protocol, sprintf("classic load balancer listener on port %v serves plain HTTP", [l.port]), fix)
}
