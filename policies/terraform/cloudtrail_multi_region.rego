# METADATA
# title: CloudTrail trails log every region
# description: >-
#   A single-region trail records nothing that happens in the other regions,
#   where unused regions are a favourite place for an attacker to run
#   resources unnoticed. is_multi_region_trail defaults to false. A
#   multi-region trail always includes global service events (IAM, STS,
#   CloudFront): CloudTrail rejects one with include_global_service_events
#   false.
# custom:
#   id: aws-cloudtrail-multi-region
#   severity: medium
#   theme: logging
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_cloudtrail"]
#   remediation: Set is_multi_region_trail = true (and leave include_global_service_events unset or true) on the aws_cloudtrail resource.
package tollgate.terraform.cloudtrail_multi_region

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_cloudtrail")
	core.not_true(tf.value(r, ["is_multi_region_trail"], false))
	f := tf.finding(i, ["is_multi_region_trail"], "CloudTrail trail logs only its own region (is_multi_region_trail is not true)")
}
