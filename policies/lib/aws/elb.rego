# METADATA
# description: Load balancer listeners (ELBv2 and classic) as one view (see lib/view.rego).
package tollgate.lib.aws.elb

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.view

# listeners are ELBv2 (application and network load balancer) listeners.
listeners := {k: protocol(l) | some k, l in view.resources({
	"cloudformation": {"type": "AWS::ElasticLoadBalancingV2::Listener", "fields": {
		"protocol": ["Protocol"],
		"ssl_policy": ["SslPolicy"],
		"actions": ["DefaultActions"],
		"load_balancer": ["LoadBalancerArn"],
	}},
	"terraform": {"type": ["aws_lb_listener", "aws_alb_listener"], "fields": {
		"protocol": ["protocol"],
		"ssl_policy": ["ssl_policy"],
		"actions": ["default_action"],
		"certificate": ["certificate_arn"],
		"load_balancer": ["load_balancer_arn"],
	}},
})}

# Without protocol, AWS makes an ALB listener HTTP and an NLB listener TCP.
# A Terraform listener without protocol and certificate on a load balancer
# of this configuration that is an ALB is HTTP; a certificate suggests the
# author meant HTTPS, which is not for a rule to guess.
protocol(l) := view.with_value(l, "protocol", "HTTP") if {
	l.family == "terraform"
	not view.has(l, "protocol")
	view.value_or(l, "certificate", "") == ""
	application_load_balancer(view.value(l, "load_balancer"))
} else := l

# application_load_balancer holds when x references load balancers in this
# document and every one is an application load balancer (the default
# load_balancer_type).
application_load_balancer(x) if {
	core.is_unknown(x)
	lbs := [lb |
		some lb in _load_balancers
		tf_encryption.ref_names(x.ref, lb.resource)
	]
	count(lbs) > 0
	every lb in lbs {
		object.get(lb.values, "load_balancer_type", null) in {null, "application"}
	}
}

_load_balancers := [lb |
	some type in ["aws_lb", "aws_alb"]
	some lb in view.by_type[type]
]

# redirects_to_https holds when the listener's default actions are unknown,
# or every one is a redirect to HTTPS (the default "#{protocol}" keeps
# HTTP). An unknown action or action type may be such a redirect.
redirects_to_https(l) if core.is_unknown(view.value(l, "actions"))

redirects_to_https(l) if {
	actions := view.value(l, "actions")
	is_array(actions)
	count(actions) > 0
	every a in actions {
		_https_redirect(l.family, a)
	}
}

_action := {
	"cloudformation": {"type": "Type", "protocol": ["RedirectConfig", "Protocol"]},
	"terraform": {"type": "type", "protocol": ["redirect", 0, "protocol"]},
}

_https_redirect(_, a) if core.is_unknown(a)

_https_redirect(family, a) if {
	is_object(a)
	not core.is_unknown(a)
	_redirect_type(object.get(a, _action[family].type, ""))
	_https_or_unknown(view.or_else(view.get(a, _action[family].protocol), "#{protocol}"))
}

_redirect_type(t) if core.is_unknown(t)

_redirect_type(t) if {
	is_string(t)
	lower(t) == "redirect"
}

_https_or_unknown(p) if core.is_unknown(p)

_https_or_unknown(p) if {
	is_string(p)
	upper(p) == "HTTPS"
}

# classic_load_balancers are ELB classic load balancers; their listeners
# are read with classic_listeners.
classic_load_balancers := view.resources({
	"cloudformation": {"type": "AWS::ElasticLoadBalancing::LoadBalancer", "fields": {"listeners": ["Listeners"]}},
	"terraform": {"type": "aws_elb", "fields": {"listeners": ["listener"]}},
})

# classic_listeners returns each listener of lb as its protocol (a field)
# and its load balancer port.
classic_listeners(lb) := {{"protocol": view.field(lb, [_classic[lb.family].list, i, p]), "port": object.get(l, _classic[lb.family].port, "?")} |
	ls := view.value(lb, "listeners")
	is_array(ls)
	some i, l in ls
	is_object(l)
	p := _classic[lb.family].protocol
}

_classic := {
	"cloudformation": {"list": "Listeners", "protocol": "Protocol", "port": "LoadBalancerPort"},
	"terraform": {"list": "listener", "protocol": "lb_protocol", "port": "lb_port"},
}
