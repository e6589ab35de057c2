package tollgate.cloudformation.elb_listener_tls_test

import rego.v1

import data.tollgate.cloudformation.elb_listener_tls as rule

listener(props) := {"Resources": {"Web": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": props}}}

tg := {"__unknown__": true, "expr": "Ref WebTargets", "ref": "WebTargets"}

forward := {"Type": "forward", "TargetGroupArn": tg}

redirect(protocol) := {"Type": "redirect", "RedirectConfig": {"Protocol": protocol, "Port": "443", "StatusCode": "HTTP_301"}}

test_http_forward if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "Protocol"],
		"message": "listener serves plain HTTP and does not redirect every request to HTTPS",
	}} with input as listener({"Protocol": "HTTP", "Port": 80, "DefaultActions": [forward]})
}

test_http_redirect if {
	count(rule.deny) == 0 with input as listener({"Protocol": "HTTP", "Port": 80, "DefaultActions": [redirect("HTTPS")]})
	count(rule.deny) == 1 with input as listener({"Protocol": "HTTP", "Port": 80, "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Host": "example.com"}}]})
	count(rule.deny) == 1 with input as listener({"Protocol": "HTTP", "Port": 80, "DefaultActions": [redirect("HTTPS"), forward]})
	count(rule.deny) == 1 with input as listener({"Protocol": "HTTP", "Port": 80})
}

test_https_default_policy if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "SslPolicy"],
		"message": "listener security policy ELBSecurityPolicy-2016-08 accepts TLS versions older than 1.2",
	}} with input as listener({"Protocol": "HTTPS", "Port": 443, "DefaultActions": [forward]})
	count(rule.deny) == 1 with input as listener({"Protocol": "TLS", "Port": 443, "SslPolicy": "ELBSecurityPolicy-TLS-1-1-2017-01"})
}

test_modern_policies if {
	count(rule.deny) == 0 with input as listener({"Protocol": "HTTPS", "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})
	count(rule.deny) == 0 with input as listener({"Protocol": "TLS", "SslPolicy": "ELBSecurityPolicy-FS-1-2-Res-2020-10"})
}

test_passthrough_protocols if {
	every p in ["TCP", "UDP", "TCP_UDP", "GENEVE"] {
		count(rule.deny) == 0 with input as listener({"Protocol": p, "Port": 443, "DefaultActions": [forward]})
	}
	count(rule.deny) == 0 with input as listener({"DefaultActions": [forward]})
}

test_unknowns if {
	u := {"__unknown__": true, "expr": "Ref ListenerProtocol", "ref": "ListenerProtocol"}
	count(rule.deny) == 0 with input as listener({"Protocol": u})
	count(rule.deny) == 0 with input as listener({"Protocol": "HTTPS", "SslPolicy": u})
	count(rule.deny) == 0 with input as listener({"Protocol": "HTTP", "DefaultActions": u})
	count(rule.deny) == 0 with input as listener({"Protocol": "HTTP", "DefaultActions": [redirect(u)]})
}

test_classic if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "Listeners", 1, "Protocol"],
		"message": "classic load balancer listener on port 80 serves plain HTTP",
	}} with input as {"Resources": {"Web": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"Listeners": [
		{"LoadBalancerPort": "443", "InstancePort": "80", "Protocol": "HTTPS", "InstanceProtocol": "HTTP", "SSLCertificateId": "arn:aws:acm:eu-west-1:111122223333:certificate/abc"},
		{"LoadBalancerPort": "80", "InstancePort": "80", "Protocol": "HTTP"},
		{"LoadBalancerPort": "5000", "InstancePort": "5000", "Protocol": "TCP"},
	]}}}}
}
