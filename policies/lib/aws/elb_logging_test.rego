package tollgate.lib.aws.elb_logging_test

import rego.v1

import data.tollgate.lib.aws.elb

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

test_cloudformation_switches if {
	got := {[a.view.resource, a.field.path, a.field.value] | some a in elb.access_logs} with input as cfn({
		"On": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"LoadBalancerAttributes": [
			{"Key": "idle_timeout.timeout_seconds", "Value": "60"},
			{"Key": "access_logs.s3.enabled", "Value": "true"},
		]}},
		"None": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "network"}},
		"Gateway": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "gateway"}},
		"Classic": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"AccessLoggingPolicy": {"Enabled": false, "S3BucketName": "logs"}}},
	})
	got == {
		["On", ["Resources", "On", "Properties", "LoadBalancerAttributes", 1, "Value"], "true"],
		["None", ["Resources", "None", "Properties", "LoadBalancerAttributes"], null],
		["Classic", ["Resources", "Classic", "Properties", "AccessLoggingPolicy", "Enabled"], false],
	}
}

test_cloudformation_unknown_entry if {
	got := {a.field.value | some a in elb.access_logs} with input as cfn({"Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"LoadBalancerAttributes": [
		{"__unknown__": true, "expr": "If Logs"},
	]}}})
	got == {{"__unknown__": true}}
}

test_terraform_switches if {
	got := {[a.field.path, a.field.value, a.default] | some a in elb.access_logs} with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_lb.app", "mode": "managed", "type": "aws_lb", "values": {"access_logs": [{"bucket": "logs", "enabled": true}]}},
		{"address": "aws_elb.web", "mode": "managed", "type": "aws_elb", "values": {}},
	]}
	got == {
		[["resources", 0, "values", "access_logs", 0, "enabled"], true, false],
		[["resources", 1, "values", "access_logs"], false, true],
	}
}

nlb_listener(lb, protocol) := {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
	"LoadBalancerArn": {"__unknown__": true, "expr": sprintf("Ref %s", [lb]), "ref": lb},
	"Protocol": protocol,
}}

# A network load balancer whose listeners here are all TCP or UDP writes no
# access log (AWS logs TLS connections only); with a TLS listener, a
# listener of unknown protocol, or no listener found, the switch counts.
test_network_load_balancer_without_tls_listener if {
	nlb := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "network"}}
	got := {a.view.resource | some a in elb.access_logs} with input as cfn({
		"TcpOnly": nlb, "TcpL": nlb_listener("TcpOnly", "TCP"), "UdpL": nlb_listener("TcpOnly", "UDP"),
		"WithTls": nlb, "TcpL2": nlb_listener("WithTls", "TCP"), "TlsL": nlb_listener("WithTls", "TLS"),
		"Unknown": nlb, "UnknownL": nlb_listener("Unknown", {"__unknown__": true, "expr": "Ref Protocol"}),
		"NoListener": nlb,
		"App": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {}}, "AppL": nlb_listener("App", "TCP"),
	})
	got == {"WithTls", "Unknown", "NoListener", "App"}
}

test_terraform_network_load_balancer_without_tls_listener if {
	got := {a.view.resource | some a in elb.access_logs} with input as {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_lb.tcp", "mode": "managed", "type": "aws_lb", "values": {"load_balancer_type": "network"}},
		{"address": "aws_lb_listener.tcp", "mode": "managed", "type": "aws_lb_listener", "values": {
			"load_balancer_arn": {"__unknown__": true, "ref": "aws_lb.tcp"}, "protocol": "TCP",
		}},
		{"address": "aws_lb.tls", "mode": "managed", "type": "aws_lb", "values": {"load_balancer_type": "network"}},
		{"address": "aws_lb_listener.tls", "mode": "managed", "type": "aws_lb_listener", "values": {
			"load_balancer_arn": {"__unknown__": true, "ref": "aws_lb.tls"}, "protocol": "TLS",
		}},
		{"address": "aws_lb.noproto", "mode": "managed", "type": "aws_lb", "values": {"load_balancer_type": "network"}},
		{"address": "aws_lb_listener.noproto", "mode": "managed", "type": "aws_lb_listener", "values": {
			"load_balancer_arn": {"__unknown__": true, "ref": "aws_lb.noproto"},
		}},
	]}
	got == {"aws_lb.tls", "aws_lb.noproto"}
}
