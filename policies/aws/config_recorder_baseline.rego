# METADATA
# title: An account baseline records configuration with AWS Config
# description: >-
#   AWS Config's configuration recorder is what keeps the history of every
#   resource's settings that SOC 2 and similar audits ask for, and there is
#   one per account and region, usually in the same baseline that turns on
#   the account's other security services. A document that turns on the
#   account's security monitoring (a GuardDuty detector, Security Hub, whose
#   controls are AWS Config rules and evaluate nothing without a recorder,
#   Macie, Detective, IAM Access Analyzer, Inspector) or declares a Config
#   delivery channel, but no configuration recorder, is a baseline without
#   one. Account settings such as a password policy or EBS encryption by
#   default do not make a document a baseline: they often live beside
#   workloads. Documents without those resources are not judged (a recorder
#   elsewhere in the account cannot be seen), nor are documents with nested
#   stacks or module calls that were not evaluated, which may hold it.
#   Reported once per document, at its first account-level resource.
# custom:
#   id: aws-config-recorder-baseline
#   severity: low
#   theme: logging
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types:
#     - AWS::GuardDuty::Detector
#     - AWS::SecurityHub::Hub
#     - AWS::Macie::Session
#     - AWS::Detective::Graph
#     - AWS::AccessAnalyzer::Analyzer
#     - AWS::Config::DeliveryChannel
#     - AWS::Config::ConfigurationRecorder
#     - aws_guardduty_detector
#     - aws_securityhub_account
#     - aws_macie2_account
#     - aws_detective_graph
#     - aws_accessanalyzer_analyzer
#     - aws_config_delivery_channel
#     - aws_inspector2_enabler
#     - aws_config_configuration_recorder
#   remediation: >-
#     Declare an AWS::Config::ConfigurationRecorder (aws_config_configuration_recorder)
#     recording all supported resources, with its delivery channel, in the
#     account baseline; if Control Tower or another stack records this
#     account and region, waive the finding with that reason.
package tollgate.aws.config_recorder_baseline

import rego.v1

import data.tollgate.lib.view

# Account- and region-wide security monitoring: one of each per account and
# region.
baseline_types := {
	"cloudformation": {
		"AWS::GuardDuty::Detector", "AWS::SecurityHub::Hub", "AWS::Macie::Session",
		"AWS::Detective::Graph", "AWS::AccessAnalyzer::Analyzer", "AWS::Config::DeliveryChannel",
	},
	"terraform": {
		"aws_guardduty_detector", "aws_securityhub_account", "aws_macie2_account", "aws_detective_graph",
		"aws_accessanalyzer_analyzer", "aws_config_delivery_channel", "aws_inspector2_enabler",
	},
}

recorder_type := {"cloudformation": "AWS::Config::ConfigurationRecorder", "terraform": "aws_config_configuration_recorder"}

fix := {
	"cloudformation": "Declare an AWS::Config::ConfigurationRecorder recording all supported resources (RecordingGroup.AllSupported: true) with an AWS::Config::DeliveryChannel; if Control Tower or another stack records this account and region, waive the finding with that reason.",
	"terraform": "Declare an aws_config_configuration_recorder recording all supported resources (recording_group { all_supported = true }) with an aws_config_delivery_channel and aws_config_configuration_recorder_status; if Control Tower or another configuration records this account and region, waive the finding with that reason.",
}

deny contains f if {
	not has_recorder
	not may_hold_recorder
	first := min(baseline_resources)
	some v in baseline_resources_by_key[first]
	f := view.resource_finding(v, sprintf("%s makes this document an account baseline, but it declares no AWS Config configuration recorder: the account's configuration history is not recorded", [v.type]), fix)
}

has_recorder if {
	some _ in view.by_type[recorder_type[view.family]]
}

# The account-level resources, by the name findings give them.
baseline_resources_by_key[v.resource] contains v if {
	some type in baseline_types[view.family]
	some v in view.by_type[type]
}

baseline_resources := {k | some k, _ in baseline_resources_by_key}

# A nested stack or a module call that was not evaluated may declare the
# recorder: unknown, not absent.
may_hold_recorder if {
	view.family == "cloudformation"
	some _ in view.by_type["AWS::CloudFormation::Stack"]
}

may_hold_recorder if {
	view.family == "terraform"
	some c in object.get(input, "module_calls", [])
	not expanded(c.address)
}

expanded(address) if {
	some r in input.resources
	m := object.get(r, "module", "")
	is_string(m)
	startswith(m, address)
}
