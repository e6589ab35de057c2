package tollgate.aws.elb_listener_tls_test

import rego.v1

import data.tollgate.aws.elb_listener_tls as rule

# CloudFormation (and CDK)

cfn_listener(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Web": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": props}}}

tg := {"__unknown__": true, "expr": "Ref WebTargets", "ref": "WebTargets"}

cfn_forward := {"Type": "forward", "TargetGroupArn": tg}

cfn_redirect(protocol) := {"Type": "redirect", "RedirectConfig": {"Protocol": protocol, "Port": "443", "StatusCode": "HTTP_301"}}

test_cloudformation_http_forward if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "Protocol"],
		"message": "listener serves plain HTTP and does not redirect every request to HTTPS",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_listener({"Protocol": "HTTP", "Port": 80, "DefaultActions": [cfn_forward]})
}

test_cloudformation_http_redirect if {
	count(rule.deny) == 0 with input as cfn_listener({"Protocol": "HTTP", "Port": 80, "DefaultActions": [cfn_redirect("HTTPS")]})
	count(rule.deny) == 1 with input as cfn_listener({"Protocol": "HTTP", "Port": 80, "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Host": "example.com"}}]})
	count(rule.deny) == 1 with input as cfn_listener({"Protocol": "HTTP", "Port": 80, "DefaultActions": [cfn_redirect("HTTPS"), cfn_forward]})
	count(rule.deny) == 1 with input as cfn_listener({"Protocol": "HTTP", "Port": 80})
}

test_cloudformation_https_default_policy if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "SslPolicy"],
		"message": "listener security policy ELBSecurityPolicy-2016-08 accepts TLS versions older than 1.2",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_listener({"Protocol": "HTTPS", "Port": 443, "DefaultActions": [cfn_forward]})
	count(rule.deny) == 1 with input as cfn_listener({"Protocol": "TLS", "Port": 443, "SslPolicy": "ELBSecurityPolicy-TLS-1-1-2017-01"})
}

test_cloudformation_modern_policies if {
	count(rule.deny) == 0 with input as cfn_listener({"Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})
	count(rule.deny) == 0 with input as cfn_listener({"Protocol": "TLS", "SslPolicy": "ELBSecurityPolicy-FS-1-2-Res-2020-10"})
}

test_cloudformation_passthrough_protocols if {
	every p in ["TCP", "UDP", "TCP_UDP", "GENEVE"] {
		count(rule.deny) == 0 with input as cfn_listener({"Protocol": p, "Port": 443, "DefaultActions": [cfn_forward]})
	}
	count(rule.deny) == 0 with input as cfn_listener({"DefaultActions": [cfn_forward]})
}

test_cloudformation_unknowns if {
	u := {"__unknown__": true, "expr": "Ref ListenerProtocol", "ref": "ListenerProtocol"}
	count(rule.deny) == 0 with input as cfn_listener({"Protocol": u})
	count(rule.deny) == 0 with input as cfn_listener({"Protocol": "HTTPS", "SslPolicy": u})
	count(rule.deny) == 0 with input as cfn_listener({"Protocol": "HTTP", "DefaultActions": u})
	count(rule.deny) == 0 with input as cfn_listener({"Protocol": "HTTP", "DefaultActions": [cfn_redirect(u)]})

	# An action type decided at deploy time may be the redirect (it used to
	# stop the evaluation with an error).
	count(rule.deny) == 0 with input as cfn_listener({"Protocol": "HTTP", "DefaultActions": [{"Type": u, "RedirectConfig": {"Protocol": "HTTPS"}}]})
}

test_cloudformation_classic if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "Listeners", 1, "Protocol"],
		"message": "classic load balancer listener on port 80 serves plain HTTP",
		"remediation": rule.fix.cloudformation,
	}} with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"Web": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"Listeners": [
		{"LoadBalancerPort": "443", "InstancePort": "80", "Protocol": "HTTPS", "InstanceProtocol": "HTTP", "SSLCertificateId": "arn:aws:acm:eu-west-1:111122223333:certificate/abc"},
		{"LoadBalancerPort": "80", "InstancePort": "80", "Protocol": "HTTP"},
		{"LoadBalancerPort": "5000", "InstancePort": "5000", "Protocol": "TCP"},
	]}}}}
}

# Terraform

tf_listener(values) := {"address": "aws_lb_listener.web", "mode": "managed", "type": "aws_lb_listener", "provider": "aws", "values": values}

lb(values) := {"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "provider": "aws", "values": values}

doc(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

lb_arn := {"__unknown__": true, "expr": "aws_lb.web.arn", "ref": "aws_lb.web", "attribute": "arn"}

cert := "arn:aws:acm:eu-west-1:111122223333:certificate/12345678-1234-1234-1234-123456789012"

unknown := {"__unknown__": true, "expr": "var.x"}

tf_forward := {"type": "forward", "target_group_arn": {"__unknown__": true, "expr": "aws_lb_target_group.app.arn", "ref": "aws_lb_target_group.app", "attribute": "arn"}}

tf_redirect(protocol) := {"type": "redirect", "redirect": [{"port": "443", "protocol": protocol, "status_code": "HTTP_301"}]}

http_msg := "listener serves plain HTTP and does not redirect every request to HTTPS"

test_terraform_http_forward if {
	rule.deny == {{
		"resource": "aws_lb_listener.web",
		"path": ["resources", 0, "values", "protocol"],
		"message": http_msg,
		"remediation": rule.fix.terraform,
	}} with input as doc([tf_listener({"load_balancer_arn": lb_arn, "port": 80, "protocol": "HTTP", "default_action": [tf_forward]})])
	count(rule.deny) == 1 with input as doc([tf_listener({"port": 80, "protocol": "http", "default_action": [tf_forward]})])
}

test_terraform_http_redirect_to_https if {
	count(rule.deny) == 0 with input as doc([tf_listener({"protocol": "HTTP", "default_action": [tf_redirect("HTTPS")]})])
	count(rule.deny) == 0 with input as doc([tf_listener({"protocol": "HTTP", "default_action": [tf_redirect(unknown)]})])
	count(rule.deny) == 0 with input as doc([tf_listener({"protocol": "HTTP", "default_action": [{"type": unknown, "redirect": [{"protocol": "HTTPS"}]}]})])
}

test_terraform_http_redirect_keeping_protocol if {
	# tf_redirect.protocol defaults to #{protocol}: the tf_redirect stays on HTTP.
	count(rule.deny) == 1 with input as doc([tf_listener({"protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"host": "www.example.com", "status_code": "HTTP_301"}]}]})])
	count(rule.deny) == 1 with input as doc([tf_listener({"protocol": "HTTP", "default_action": [tf_redirect("HTTP")]})])
	count(rule.deny) == 1 with input as doc([tf_listener({"protocol": "HTTP", "default_action": [tf_redirect("HTTPS"), tf_forward]})])
	count(rule.deny) == 1 with input as doc([tf_listener({"protocol": "HTTP", "default_action": []})])
}

test_terraform_unset_protocol_on_application_load_balancer if {
	rule.deny == {{
		"resource": "aws_lb_listener.web",
		"path": ["resources", 1, "values", "protocol"],
		"message": http_msg,
		"remediation": rule.fix.terraform,
	}} with input as doc([lb({"name": "web", "internal": false}), tf_listener({"load_balancer_arn": lb_arn, "port": 80, "default_action": [tf_forward]})])
	count(rule.deny) == 1 with input as doc([lb({"load_balancer_type": "application"}), tf_listener({"load_balancer_arn": lb_arn, "default_action": [tf_forward]})])
}

test_terraform_unset_protocol_not_reported if {
	# network load balancer: TCP
	count(rule.deny) == 0 with input as doc([lb({"load_balancer_type": "network"}), tf_listener({"load_balancer_arn": lb_arn, "default_action": [tf_forward]})])

	# load balancer type unknown
	count(rule.deny) == 0 with input as doc([lb({"load_balancer_type": unknown}), tf_listener({"load_balancer_arn": lb_arn, "default_action": [tf_forward]})])

	# load balancer not in this document
	count(rule.deny) == 0 with input as doc([tf_listener({"load_balancer_arn": unknown, "default_action": [tf_forward]})])
	count(rule.deny) == 0 with input as doc([tf_listener({"load_balancer_arn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188", "default_action": [tf_forward]})])

	# a certificate without protocol is not guessed either way
	count(rule.deny) == 0 with input as doc([lb({}), tf_listener({"load_balancer_arn": lb_arn, "certificate_arn": cert, "default_action": [tf_forward]})])

	# in plans the computed protocol is unknown
	count(rule.deny) == 0 with input as doc([lb({}), tf_listener({"load_balancer_arn": lb_arn, "protocol": unknown, "default_action": [tf_forward]})])
}

test_terraform_unset_protocol_on_counted_load_balancer if {
	arn := {"__unknown__": true, "expr": "aws_lb.web[each.key].arn", "ref": "aws_lb.web[\"public\"]", "attribute": "arn"}
	count(rule.deny) == 1 with input as doc([
		object.union(lb({}), {"address": "aws_lb.web[\"public\"]"}),
		tf_listener({"load_balancer_arn": arn, "default_action": [tf_forward]}),
	])
}

test_terraform_https_default_policy if {
	rule.deny == {{
		"resource": "aws_lb_listener.web",
		"path": ["resources", 0, "values", "ssl_policy"],
		"message": "listener security policy ELBSecurityPolicy-2016-08 accepts TLS versions older than 1.2",
		"remediation": rule.fix.terraform,
	}} with input as doc([tf_listener({"protocol": "HTTPS", "certificate_arn": cert, "default_action": [tf_forward]})])
	count(rule.deny) == 1 with input as doc([tf_listener({"protocol": "HTTPS", "certificate_arn": cert, "ssl_policy": null, "default_action": [tf_forward]})])
}

test_terraform_old_policies if {
	every p in ["ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-TLS13-1-0-2021-06"] {
		rule.deny == {{
			"resource": "aws_lb_listener.web",
			"path": ["resources", 0, "values", "ssl_policy"],
			"message": sprintf("listener security policy %s accepts TLS versions older than 1.2", [p]),
			"remediation": rule.fix.terraform,
		}} with input as doc([tf_listener({"protocol": "TLS", "certificate_arn": cert, "ssl_policy": p, "default_action": [tf_forward]})])
	}
}

test_terraform_modern_policies if {
	every p in ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"] {
		count(rule.deny) == 0 with input as doc([tf_listener({"protocol": "HTTPS", "certificate_arn": cert, "ssl_policy": p, "default_action": [tf_forward]})])
	}
	count(rule.deny) == 0 with input as doc([tf_listener({"protocol": "HTTPS", "certificate_arn": cert, "ssl_policy": unknown, "default_action": [tf_forward]})])
}

test_terraform_alb_listener_alias if {
	count(rule.deny) == 1 with input as doc([object.union(tf_listener({"protocol": "HTTPS", "default_action": [tf_forward]}), {"address": "aws_alb_listener.web", "type": "aws_alb_listener"})])
}

test_terraform_passthrough_protocols if {
	every p in ["TCP", "UDP", "TCP_UDP", "GENEVE"] {
		count(rule.deny) == 0 with input as doc([tf_listener({"protocol": p, "default_action": [tf_forward]})])
	}
}

test_terraform_unknown_actions if {
	count(rule.deny) == 0 with input as doc([tf_listener({"protocol": "HTTP", "default_action": unknown})])
	count(rule.deny) == 0 with input as doc([tf_listener({"protocol": "HTTP", "default_action": [unknown]})])
}

test_terraform_classic_http_listener if {
	rule.deny == {{
		"resource": "aws_elb.legacy",
		"path": ["resources", 0, "values", "listener", 1, "lb_protocol"],
		"message": "classic load balancer listener on port 80 serves plain HTTP",
		"remediation": rule.fix.terraform,
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
