package tollgate.aws.elb_access_logs_test

import rego.v1

import data.tollgate.aws.elb_access_logs as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

alb(attributes) := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Subnets": ["subnet-1", "subnet-2"], "LoadBalancerAttributes": attributes}}

test_cloudformation_missing if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "LoadBalancerAttributes"],
		"message": "load balancer writes no access logs (LoadBalancerAttributes access_logs.s3.enabled is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn({"Web": alb([{"Key": "idle_timeout.timeout_seconds", "Value": "30"}])})
}

test_cloudformation_values if {
	got := rule.deny with input as cfn({
		"Off": alb([{"Key": "access_logs.s3.enabled", "Value": "false"}]),
		"On": alb([{"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": "logs"}]),
		"Param": alb([{"Key": "access_logs.s3.enabled", "Value": {"__unknown__": true, "expr": "Ref Logs", "ref": "Logs"}}]),
		"Cond": alb({"__unknown__": true, "expr": "If Prod"}),
		"Gwlb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "gateway"}},
		"Classic": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"Listeners": []}},
		"ClassicOn": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"AccessLoggingPolicy": {"Enabled": true, "S3BucketName": "logs"}}},
	})
	{[f.resource, f.path] | some f in got} == {
		["Off", ["Resources", "Off", "Properties", "LoadBalancerAttributes", 0, "Value"]],
		["Classic", ["Resources", "Classic", "Properties", "AccessLoggingPolicy"]],
	}
}

tf(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

test_terraform if {
	got := rule.deny with input as tf([
		{"address": "aws_lb.none", "mode": "managed", "type": "aws_lb", "values": {"name": "none"}},
		{"address": "aws_lb.bucket_only", "mode": "managed", "type": "aws_lb", "values": {"access_logs": [{"bucket": "logs"}]}},
		{"address": "aws_alb.on", "mode": "managed", "type": "aws_alb", "values": {"access_logs": [{"bucket": "logs", "enabled": true}]}},
		{"address": "aws_lb.var", "mode": "managed", "type": "aws_lb", "values": {"access_logs": [{"bucket": "logs", "enabled": {"__unknown__": true, "expr": "var.logs"}}]}},
		{"address": "aws_lb.gwlb", "mode": "managed", "type": "aws_lb", "values": {"load_balancer_type": "gateway"}},
		{"address": "aws_elb.classic", "mode": "managed", "type": "aws_elb", "values": {"access_logs": [{"bucket": "logs"}]}},
		{"address": "aws_elb.bare", "mode": "managed", "type": "aws_elb", "values": {}},
	])
	{[f.resource, f.path, f.message] | some f in got} == {
		["aws_lb.none", ["resources", 0, "values", "access_logs", 0, "enabled"], "load balancer writes no access logs (access_logs.enabled is not true)"],
		["aws_lb.bucket_only", ["resources", 1, "values", "access_logs", 0, "enabled"], "load balancer writes no access logs (access_logs.enabled is not true)"],
		["aws_elb.bare", ["resources", 6, "values", "access_logs"], "load balancer writes no access logs (access_logs.enabled is not true)"],
	}
}
