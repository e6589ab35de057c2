# METADATA
# title: CloudTrail log file validation is enabled
# description: >-
#   Without log file validation CloudTrail writes no signed digest files, so
#   nobody can prove that delivered log files were not modified or deleted
#   after delivery. enable_log_file_validation defaults to false.
# custom:
#   id: aws-cloudtrail-log-file-validation
#   severity: medium
#   theme: integrity
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_cloudtrail"]
#   remediation: Set enable_log_file_validation = true on the aws_cloudtrail resource.
package tollgate.terraform.cloudtrail_log_validation

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_cloudtrail")
	core.not_true(tf.value(r, ["enable_log_file_validation"], false))
	f := tf.finding(i, ["enable_log_file_validation"], "CloudTrail log file validation is not enabled (enable_log_file_validation is not true)")
}
