package tollgate.lib.aws.elb_test

import rego.v1

import data.tollgate.lib.aws.elb
import data.tollgate.lib.view

unknown := {"__unknown__": true, "expr": "var.x"}

lb_ref := {"__unknown__": true, "expr": "aws_lb.web.arn", "ref": "aws_lb.web", "attribute": "arn"}

tf(lb_values, listener_values) := {"tollgate": {"format": "terraform"}, "resources": [
	{"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "values": lb_values},
	{"address": "aws_lb_listener.l", "mode": "managed", "type": "aws_lb_listener", "values": listener_values},
]}

test_cloudformation_listener if {
	l := elb.listeners.L with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"L": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
		"Protocol": "HTTP",
		"DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS"}}],
	}}}}
	view.value(l, "protocol") == "HTTP"
	elb.redirects_to_https(l)
}

test_terraform_listener_without_protocol_on_an_alb_is_http if {
	view.value(elb.listeners[1], "protocol") == "HTTP" with input as tf({}, {"load_balancer_arn": lb_ref})
	view.value(elb.listeners[1], "protocol") == null with input as tf({"load_balancer_type": "network"}, {"load_balancer_arn": lb_ref})
	view.value(elb.listeners[1], "protocol") == null with input as tf({}, {"load_balancer_arn": lb_ref, "certificate_arn": unknown})
}

test_terraform_redirects if {
	elb.redirects_to_https(elb.listeners[1]) with input as tf({}, {"default_action": [{"type": "redirect", "redirect": [{"protocol": "HTTPS"}]}]})
	elb.redirects_to_https(elb.listeners[1]) with input as tf({}, {"default_action": [{"type": unknown, "redirect": [{"protocol": unknown}]}]})
	elb.redirects_to_https(elb.listeners[1]) with input as tf({}, {"default_action": unknown})
	not elb.redirects_to_https(elb.listeners[1]) with input as tf({}, {"default_action": [{"type": "redirect", "redirect": [{}]}]})
	not elb.redirects_to_https(elb.listeners[1]) with input as tf({}, {"default_action": [{"type": "forward"}]})
}

test_classic_listeners if {
	ls := elb.classic_listeners(elb.classic_load_balancers[0]) with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_elb.e", "mode": "managed", "type": "aws_elb", "values": {"listener": [{"lb_protocol": "http", "lb_port": 80}]}}]}
	ls == {{"protocol": {"value": "http", "path": ["resources", 0, "values", "listener", 0, "lb_protocol"], "name": "listener.lb_protocol"}, "port": 80}}
	ms := elb.classic_listeners(elb.classic_load_balancers.E) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"E": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"Listeners": [{"Protocol": "HTTPS"}]}}}}
	ms == {{"protocol": {"value": "HTTPS", "path": ["Resources", "E", "Properties", "Listeners", 0, "Protocol"], "name": "Listeners.Protocol"}, "port": "?"}}
}
