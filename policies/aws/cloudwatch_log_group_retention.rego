# METADATA
# title: CloudWatch Logs log groups keep logs long enough
# description: >-
#   Logs deleted before an incident is noticed, or before the auditor's
#   period ends, are no evidence. A log group keeps its events forever
#   unless RetentionInDays is set; this rule reports a retention under
#   log_retention_days (default 365, one year, as AWS Config's
#   cw-loggroup-retention-period-check and Security Hub's CloudWatch.16).
#   A log group without retention (never expire) is not reported.
# custom:
#   id: aws-cloudwatch-log-group-retention
#   severity: low
#   theme: logging
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Logs::LogGroup", "aws_cloudwatch_log_group"]
#   remediation: Set RetentionInDays to at least log_retention_days (default 365), or leave it unset to keep logs forever.
package tollgate.aws.cloudwatch_log_group_retention

import rego.v1

import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": sprintf("Set RetentionInDays to %d or more (a value CloudWatch Logs accepts, such as 400, 545, 731), or remove it to keep logs forever.", [minimum]),
	"terraform": sprintf("Set retention_in_days = %d or more (a value CloudWatch Logs accepts, such as 400, 545, 731), or 0 to keep logs forever.", [minimum]),
}

# minimum is the configured log_retention_days, 365 by default.
minimum := n if {
	n := data.tollgate.config.log_retention_days
	is_number(n)
	n > 0
} else := 365

groups := view.resources({
	"cloudformation": {"type": "AWS::Logs::LogGroup", "fields": {"retention": ["RetentionInDays"]}},
	"terraform": {"type": "aws_cloudwatch_log_group", "fields": {"retention": ["retention_in_days"]}},
})

deny contains f if {
	some g in groups
	n := days(view.value(g, "retention"))
	n > 0 # 0 (Terraform) keeps logs forever, like no retention
	n < minimum
	f := view.finding(g, "retention", sprintf("log events are deleted after %d days, under the required %d (%s)", [n, minimum, view.spelled(g, "retention")]), fix)
}

days(x) := x if is_number(x)

days(x) := to_number(x) if {
	is_string(x)
	regex.match(`^[0-9]+$`, x)
}
