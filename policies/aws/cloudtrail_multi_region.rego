# METADATA
# title: CloudTrail trails log every region
# description: >-
#   A single-region trail records nothing that happens in the other regions,
#   where unused regions are a favourite place for an attacker to run
#   resources unnoticed. IsMultiRegionTrail defaults to false. A multi-region
#   trail always includes global service events (IAM, STS, CloudFront):
#   CloudTrail rejects one with IncludeGlobalServiceEvents false.
# custom:
#   id: aws-cloudtrail-multi-region
#   severity: medium
#   theme: logging
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::CloudTrail::Trail", "aws_cloudtrail"]
#   remediation: Set IsMultiRegionTrail to true (and leave IncludeGlobalServiceEvents unset or true) on the trail.
package tollgate.aws.cloudtrail_multi_region

import rego.v1

import data.tollgate.lib.aws.cloudtrail
import data.tollgate.lib.core
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set IsMultiRegionTrail to true (and leave IncludeGlobalServiceEvents unset or true) on the trail.",
	"terraform": "Set is_multi_region_trail = true (and leave include_global_service_events unset or true) on the aws_cloudtrail resource.",
}

deny contains f if {
	some t in cloudtrail.trails
	core.not_true(view.value_or(t, "multi_region", false))
	f := view.finding(t, "multi_region", sprintf("CloudTrail trail logs only its own region (%s is not true)", [view.spelled(t, "multi_region")]), fix)
}

# Undecided where multi_region is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(cloudtrail.trails, ["multi_region"])
}
