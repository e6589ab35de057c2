# METADATA
# title: CloudTrail log file validation is enabled
# description: >-
#   Without log file validation CloudTrail writes no signed digest files, so
#   nobody can prove that delivered log files were not modified or deleted
#   after delivery. The property defaults to false.
# custom:
#   id: aws-cloudtrail-log-file-validation
#   severity: medium
#   theme: integrity
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::CloudTrail::Trail", "aws_cloudtrail"]
#   remediation: Set EnableLogFileValidation to true on the trail.
package tollgate.aws.cloudtrail_log_validation

import rego.v1

import data.tollgate.lib.aws.cloudtrail
import data.tollgate.lib.core
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set EnableLogFileValidation to true on the trail.",
	"terraform": "Set enable_log_file_validation = true on the aws_cloudtrail resource.",
}

deny contains f if {
	some t in cloudtrail.trails
	core.not_true(view.value_or(t, "log_file_validation", false))
	f := view.finding(t, "log_file_validation", sprintf("CloudTrail log file validation is not enabled (%s is not true)", [view.spelled(t, "log_file_validation")]), fix)
}

# Undecided where log_file_validation is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(cloudtrail.trails, ["log_file_validation"])
}
