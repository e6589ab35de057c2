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
