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
#   formats: [cloudformation]
#   resource_types: ["AWS::CloudTrail::Trail"]
#   remediation: Set EnableLogFileValidation to true on the trail.
package tollgate.cloudformation.cloudtrail_log_validation

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core

deny contains f if {
	some name, r in cfn.resources("AWS::CloudTrail::Trail")
	core.not_true(cfn.prop(r, "EnableLogFileValidation", false))
	f := cfn.finding(name, ["EnableLogFileValidation"], "CloudTrail log file validation is not enabled (EnableLogFileValidation is not true)")
}
