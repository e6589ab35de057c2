package tollgate.terraform.elb_listener_tls_test

import rego.v1

import data.tollgate.terraform.elb_listener_tls as rule

listener(values) := {"address": "aws_lb_listener.web", "mode": "managed", "type": "aws_lb_listener", "provider": "aws", "values": values}

lb(values) := {"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "provider": "aws", "values": values}

doc(resources) := {"resources": resources}

lb_arn := {"__unknown__": true, "expr": "aws_lb.web.arn", "ref": "aws_lb.web", "attribute": "arn"}

cert := "arn:aws:acm:eu-west-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"

unknown := {"__unknown__": true, "expr": "var.x"}

forward := {"type": "forward", "target_group_arn": {"__unknown__": true, "expr": "aws_lb_target_group.app.arn", "ref": "aws_lb_target_group.app", "attribute": "arn"}}

redirect(protocol) := {"type": "redirect", "redirect": [{"port": "443", "protocol": protocol, "status_code": "HTTP_301"}]}

http_msg := "listener serves plain HTTP and does not redirect every request to HTTPS"

test_http_forward if {
	rule.deny == {{
		"resource": "aws_lb_listener.web",
		"path": ["resources", 0, "values", "protocol"],
		"message": http_msg,
	}} with input as doc([listener({"load_balancer_arn": lb_arn, "port": 80, "protocol": "HTTP", "default_action": [forward]})])
	count(rule.deny) == 1 with input as doc([listener({"port": 80, "protocol": "http", "default_action": [forward]})])
}

test_http_redirect_to_https if {
	count(rule.deny) == 0 with input as doc([listener({"protocol": "HTTP", "default_action": [redirect("HTTPS")]})])
	count(rule.deny) == 0 with input as doc([listener({"protocol": "HTTP", "default_action": [redirect(unknown)]})])
	count(rule.deny) == 0 with input as doc([listener({"protocol": "HTTP", "default_action": [{"type": unknown, "redirect": [{"protocol": "HTTPS"}]}]})])
}

test_http_redirect_keeping_protocol if {
	# redirect.protocol defaults to #{protocol}: the redirect stays on HTTP.
	count(rule.deny) == 1 with input as doc([listener({"protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"host": "www.example.com", "status_code": "HTTP_301"}]}]})])
	count(rule.deny) == 1 with input as doc([listener({"protocol": "HTTP", "default_action": [redirect("HTTP")]})])
	count(rule.deny) == 1 with input as doc([listener({"protocol": "HTTP", "default_action": [redirect("HTTPS"), forward]})])
	count(rule.deny) == 1 with input as doc([listener({"protocol": "HTTP", "default_action": []})])
}

test_unset_protocol_on_application_load_balancer if {
	rule.deny == {{
		"resource": "aws_lb_listener.web",
		"path": ["resources", 1, "values", "protocol"],
		"message": http_msg,
	}} with input as doc([lb({"name": "web", "internal": false}), listener({"load_balancer_arn": lb_arn, "port": 80, "default_action": [forward]})])
	count(rule.deny) == 1 with input as doc([lb({"load_balancer_type": "application"}), listener({"load_balancer_arn": lb_arn, "default_action": [forward]})])
}

test_unset_protocol_not_reported if {
	# network load balancer: TCP
	count(rule.deny) == 0 with input as doc([lb({"load_balancer_type": "network"}), listener({"load_balancer_arn": lb_arn, "default_action": [forward]})])

	# load balancer type unknown
	count(rule.deny) == 0 with input as doc([lb({"load_balancer_type": unknown}), listener({"load_balancer_arn": lb_arn, "default_action": [forward]})])

	# load balancer not in this document
	count(rule.deny) == 0 with input as doc([listener({"load_balancer_arn": unknown, "default_action": [forward]})])
	count(rule.deny) == 0 with input as doc([listener({"load_balancer_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188", "default_action": [forward]})])

	# a certificate without protocol is not guessed either way
	count(rule.deny) == 0 with input as doc([lb({}), listener({"load_balancer_arn": lb_arn, "certificate_arn": cert, "default_action": [forward]})])

	# in plans the computed protocol is unknown
	count(rule.deny) == 0 with input as doc([lb({}), listener({"load_balancer_arn": lb_arn, "protocol": unknown, "default_action": [forward]})])
}

test_unset_protocol_on_counted_load_balancer if {
	arn := {"__unknown__": true, "expr": "aws_lb.web[each.key].arn", "ref": "aws_lb.web[\"public\"]", "attribute": "arn"}
	count(rule.deny) == 1 with input as doc([
		object.union(lb({}), {"address": "aws_lb.web[\"public\"]"}),
		listener({"load_balancer_arn": arn, "default_action": [forward]}),
	])
}

test_https_default_policy if {
	rule.deny == {{
		"resource": "aws_lb_listener.web",
		"path": ["resources", 0, "values", "ssl_policy"],
		"message": "listener security policy ELBSecurityPolicy-2016-08 accepts TLS versions older than 1.2",
	}} with input as doc([listener({"protocol": "HTTPS", "certificate_arn": cert, "default_action": [forward]})])
	count(rule.deny) == 1 with input as doc([listener({"protocol": "HTTPS", "certificate_arn": cert, "ssl_policy": null, "default_action": [forward]})])
}

test_old_policies if {
	every p in ["ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-TLS13-1-0-2021-06"] {
		rule.deny == {{
			"resource": "aws_lb_listener.web",
			"path": ["resources", 0, "values", "ssl_policy"],
			"message": sprintf("listener security policy %s accepts TLS versions older than 1.2", [p]),
		}} with input as doc([listener({"protocol": "TLS", "certificate_arn": cert, "ssl_policy": p, "default_action": [forward]})])
	}
}

test_modern_policies if {
	every p in ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"] {
		count(rule.deny) == 0 with input as doc([listener({"protocol": "HTTPS", "certificate_arn": cert, "ssl_policy": p, "default_action": [forward]})])
	}
	count(rule.deny) == 0 with input as doc([listener({"protocol": "HTTPS", "certificate_arn": cert, "ssl_policy": unknown, "default_action": [forward]})])
}

test_alb_listener_alias if {
	count(rule.deny) == 1 with input as doc([object.union(listener({"protocol": "HTTPS", "default_action": [forward]}), {"address": "aws_alb_listener.web", "type": "aws_alb_listener"})])
}

test_passthrough_protocols if {
	every p in ["TCP", "UDP", "TCP_UDP", "GENEVE"] {
		count(rule.deny) == 0 with input as doc([listener({"protocol": p, "default_action": [forward]})])
	}
}

test_unknown_actions if {
	count(rule.deny) == 0 with input as doc([listener({"protocol": "HTTP", "default_action": unknown})])
	count(rule.deny) == 0 with input as doc([listener({"protocol": "HTTP", "default_action": [unknown]})])
}

test_classic_http_listener if {
	rule.deny == {{
		"resource": "aws_elb.legacy",
		"path": ["resources", 0, "values", "listener", 1, "lb_protocol"],
		"message": "classic load balancer listener on port 80 serves plain HTTP",
	}} with input as doc([{"address": "aws_elb.legacy", "mode": "managed", "type": "aws_elb", "provider": "aws", "values": {"listener": [
		{"instance_port": 8080, "instance_protocol": "http", "lb_port": 443, "lb_protocol": "https", "ssl_certificate_id": cert},
		{"instance_port": 8080, "instance_protocol": "http", "lb_port": 80, "lb_protocol": "http"},
	]}}])
	count(rule.deny) == 0 with input as doc([{"address": "aws_elb.legacy", "mode": "managed", "type": "aws_elb", "provider": "aws", "values": {"listener": [
		{"instance_port": 8080, "instance_protocol": "http", "lb_port": 443, "lb_protocol": "https", "ssl_certificate_id": cert},
		{"instance_port": 5432, "instance_protocol": "tcp", "lb_port": 5432, "lb_protocol": "tcp"},
		{"instance_port": 8080, "instance_protocol": "http", "lb_port": 8443, "lb_protocol": unknown},
		unknown,
	]}}])
}
