package tollgate.aws.config_recorder_baseline_test

import rego.v1

import data.tollgate.aws.config_recorder_baseline as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

tf(format, resources, calls) := {"tollgate": {"format": format}, "resources": resources, "module_calls": calls}

res(type, name, module) := {"address": sprintf("%s%s.%s", [module_prefix(module), type, name]), "mode": "managed", "type": type, "name": name, "module": module, "values": {}}

module_prefix("") := ""

module_prefix(m) := concat("", [m, "."]) if m != ""

test_baseline_without_recorder_is_reported_once if {
	fs := rule.deny with input as cfn({
		"Hub": {"Type": "AWS::SecurityHub::Hub", "Properties": {}},
		"Detector": {"Type": "AWS::GuardDuty::Detector", "Properties": {"Enable": true}},
	})
	count(fs) == 1
	some f in fs
	f.resource == "Detector"
	f.path == ["Resources", "Detector"]
	contains(f.message, "AWS::GuardDuty::Detector makes this document an account baseline")
}

test_baseline_with_recorder_passes if {
	count(rule.deny) == 0 with input as cfn({
		"Detector": {"Type": "AWS::GuardDuty::Detector", "Properties": {"Enable": true}},
		"Recorder": {"Type": "AWS::Config::ConfigurationRecorder", "Properties": {}},
	})
}

test_ordinary_documents_are_not_judged if {
	count(rule.deny) == 0 with input as cfn({"Queue": {"Type": "AWS::SQS::Queue", "Properties": {}}})
	count(rule.deny) == 0 with input as tf("terraform", [res("aws_sqs_queue", "q", "")], [])
	# Account settings that often live beside workloads.
	count(rule.deny) == 0 with input as tf("terraform", [res("aws_iam_account_password_policy", "this", ""), res("aws_ebs_encryption_by_default", "this", "")], [])
}

test_nested_stack_may_hold_the_recorder if {
	count(rule.deny) == 0 with input as cfn({
		"Detector": {"Type": "AWS::GuardDuty::Detector", "Properties": {}},
		"Config": {"Type": "AWS::CloudFormation::Stack", "Properties": {"TemplateURL": "https://example.com/config.yaml"}},
	})
}

test_terraform_baseline if {
	fs := rule.deny with input as tf("terraform", [res("aws_securityhub_account", "this", ""), res("aws_guardduty_detector", "this", "")], [])
	{f.resource | some f in fs} == {"aws_guardduty_detector.this"}
	count(rule.deny) == 0 with input as tf("terraform-plan", [res("aws_guardduty_detector", "this", ""), res("aws_config_configuration_recorder", "this", "module.config")], [{"address": "module.config", "source": "./config", "module": ""}])
}

# A module call whose resources are not in the document (a registry module
# terraform init has not installed) may declare the recorder.
test_unevaluated_module_may_hold_the_recorder if {
	count(rule.deny) == 0 with input as tf("terraform", [res("aws_guardduty_detector", "this", "")], [{"address": "module.config", "source": "cloudposse/config/aws", "module": ""}])
	count(rule.deny) == 1 with input as tf("terraform", [res("aws_guardduty_detector", "this", ""), res("aws_sqs_queue", "q", "module.queue")], [{"address": "module.queue", "source": "./queue", "module": ""}])
}
