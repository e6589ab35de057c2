# METADATA
# title: CloudTrail trail is logging
# description: >-
#   A trail with logging turned off records no API calls: the audit trail
#   SOC 2 and incident response depend on has a gap for as long as it is
#   off. CloudFormation requires IsLogging; Terraform's enable_logging
#   defaults to true. Only an explicit false is reported.
# custom:
#   id: aws-cloudtrail-logging
#   severity: high
#   theme: logging
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::CloudTrail::Trail", "aws_cloudtrail"]
#   remediation: Set IsLogging to true on the trail.
package tollgate.aws.cloudtrail_logging

import rego.v1

import data.tollgate.lib.aws.cloudtrail
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set IsLogging to true on the trail.",
	"terraform": "Remove enable_logging = false from the aws_cloudtrail resource (the default is true).",
}

deny contains f if {
	some t in cloudtrail.trails
	core.is_false(view.value(t, "logging"))
	f := view.finding(t, "logging", sprintf("CloudTrail trail does not log API calls (%s is false)", [view.spelled(t, "logging")]), fix)
}
