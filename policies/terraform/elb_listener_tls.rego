# METADATA
# title: Load balancer listeners use TLS 1.2 or later
# description: >-
#   An aws_lb_listener (or aws_alb_listener) with protocol HTTPS or TLS must
#   use an ssl_policy whose minimum version is TLS 1.2; without ssl_policy the
#   provider uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1. An
#   HTTP listener is accepted only when every default_action is a redirect
#   whose redirect.protocol is HTTPS. Without protocol an Application Load
#   Balancer listener is HTTP (a Network Load Balancer's is TCP), so it is
#   reported only when load_balancer_arn references an aws_lb known to be an
#   application load balancer. TCP, UDP, TCP_UDP and GENEVE listeners are not
#   reported (TLS may be passed through to the targets). Classic aws_elb
#   listener blocks with lb_protocol HTTP are reported; their HTTPS/SSL
#   negotiation policies are not checked. In plans an unset protocol or
#   ssl_policy is computed (unknown) and therefore not reported.
# custom:
#   id: aws-elb-listener-tls
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_lb_listener", "aws_alb_listener", "aws_elb"]
#   remediation: >-
#     Set protocol = "HTTPS" (ALB) or "TLS" (NLB) with certificate_arn and
#     ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+
#     policy), or give an HTTP listener a single default_action { type =
#     "redirect" redirect { protocol = "HTTPS" port = "443" status_code =
#     "HTTP_301" } }; on an aws_elb listener use lb_protocol = "https" with
#     ssl_certificate_id.
package tollgate.terraform.elb_listener_tls

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption

default_ssl_policy := "ELBSecurityPolicy-2016-08"

listener_types := {"aws_lb_listener", "aws_alb_listener"}

listeners := {i: r |
	some type in listener_types
	some i, r in tf.resources(type)
}

deny contains f if {
	some i, r in listeners
	plain_http(r)
	not redirects_to_https(tf.value(r, ["default_action"], []))
	f := tf.finding(i, ["protocol"], "listener serves plain HTTP and does not redirect every request to HTTPS")
}

deny contains f if {
	some i, r in listeners
	protocol := tf.value(r, ["protocol"], "")
	is_string(protocol)
	upper(protocol) in {"HTTPS", "TLS"}
	policy := tf.value(r, ["ssl_policy"], default_ssl_policy)
	is_string(policy)
	not encryption.elbv2_modern_policy(policy)
	f := tf.finding(i, ["ssl_policy"], sprintf("listener security policy %s accepts TLS versions older than 1.2", [policy]))
}

deny contains f if {
	some i, r in tf.resources("aws_elb")
	listeners := tf.value(r, ["listener"], [])
	is_array(listeners)
	some j, l in listeners
	is_object(l)
	protocol := object.get(l, "lb_protocol", "")
	is_string(protocol)
	upper(protocol) == "HTTP"
	f := tf.finding(i, ["listener", j, "lb_protocol"], sprintf("classic load balancer listener on port %v serves plain HTTP", [object.get(l, "lb_port", "?")]))
}

plain_http(r) if {
	protocol := tf.value(r, ["protocol"], "")
	is_string(protocol)
	upper(protocol) == "HTTP"
}

# Without protocol, AWS makes an ALB listener HTTP and an NLB listener TCP;
# a certificate suggests the author meant HTTPS, which is not for this rule
# to guess.
plain_http(r) if {
	not tf.has_value(r, ["protocol"])
	tf.value(r, ["certificate_arn"], "") == ""
	application_load_balancer(tf.value(r, ["load_balancer_arn"], null))
}

# application_load_balancer holds when x references load balancers in this
# document and every one is an application load balancer (the default
# load_balancer_type).
application_load_balancer(x) if {
	core.is_unknown(x)
	lbs := [lb |
		some type in {"aws_lb", "aws_alb"}
		some lb in tf.resources(type)
		tf_encryption.ref_names(x.ref, lb.address)
	]
	count(lbs) > 0
	every lb in lbs {
		tf.value(lb, ["load_balancer_type"], "application") == "application"
	}
}

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
	is_object(a)
	not core.is_unknown(a)
	redirect_type(object.get(a, "type", ""))
	target := encryption.lookup(a, ["redirect", 0, "protocol"], "#{protocol}")
	https_or_unknown(target)
}

redirect_type(t) if core.is_unknown(t)

redirect_type(t) if {
	is_string(t)
	lower(t) == "redirect"
}

https_or_unknown(p) if core.is_unknown(p)

https_or_unknown(p) if {
	is_string(p)
	upper(p) == "HTTPS"
}
