# METADATA
# title: DynamoDB tables have point-in-time recovery
# description: >-
#   Point-in-time recovery keeps continuous backups of a table for up to 35
#   days, so a bad write or a deleted item can be undone to the second. It
#   is off unless PointInTimeRecoveryEnabled is true, on each table and on
#   each replica of a global table (each Region keeps its own).
# custom:
#   id: aws-dynamodb-point-in-time-recovery
#   severity: medium
#   theme: backup
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "aws_dynamodb_table"]
#   remediation: Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled to true.
package tollgate.aws.dynamodb_point_in_time_recovery

import rego.v1

import data.tollgate.lib.aws.dynamodb
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled to true (on each replica of a global table).",
	"terraform": "Add point_in_time_recovery { enabled = true } to the table (and point_in_time_recovery = true to each replica block).",
}

deny contains f if {
	some r in dynamodb.recoveries
	core.not_true(view.or_else(r.field.value, false))
	f := view.field_finding(r.view, r.field, sprintf("point-in-time recovery is not enabled (%s is not true)", [r.field.name]), fix)
}
