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
#   formats: [cloudformation]
#   resource_types: ["AWS::CloudTrail::Trail"]
#   remediation: Set IsMultiRegionTrail to true (and leave IncludeGlobalServiceEvents unset or true) on the trail.
package tollgate.cloudformation.cloudtrail_multi_region

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core

deny contains f if {
	some name, r in cfn.resources("AWS::CloudTrail::Trail")
	core.not_true(cfn.prop(r, "IsMultiRegionTrail", false))
	f := cfn.finding(name, ["IsMultiRegionTrail"], "CloudTrail trail logs only its own region (IsMultiRegionTrail is not true)")
}
