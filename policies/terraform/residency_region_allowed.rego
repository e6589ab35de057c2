# METADATA
# title: Resources are deployed in allowed regions
# description: >-
#   When the configuration lists allowed_regions, every aws provider's
#   region and every resource's own region argument (AWS provider v6) must
#   be one of them: data stored elsewhere may breach residency obligations.
#   Entries may be glob patterns (eu-*). A region that is not known
#   statically (AWS_REGION, a variable without a value) is not judged, and
#   without allowed_regions the rule reports nothing.
# custom:
#   id: aws-region-allowed
#   severity: high
#   theme: residency
#   formats: [terraform, terraform-plan]
#   resource_types: ["provider.aws"]
#   remediation: >-
#     Set region on the aws provider (and on resources that override it) to
#     one of the regions in allowed_regions, or have the data owner approve
#     the region and add it to allowed_regions in .tollgate.yaml.
package tollgate.terraform.residency_region_allowed

import rego.v1

import data.tollgate.lib.tf_integrity

deny contains f if {
	count(tf_integrity.allowed_regions) > 0
	some i, p in input.providers
	p.name == "aws"
	region := object.get(p.values, "region", null)
	disallowed(region)
	f := {
		"resource": p.address,
		"path": ["providers", i, "values", "region"],
		"message": sprintf("AWS provider %s uses region %s, which is not in allowed_regions", [p.address, region]),
	}
}

deny contains f if {
	count(tf_integrity.allowed_regions) > 0
	some i, r in input.resources
	r.mode == "managed"
	startswith(r.type, "aws_")
	region := object.get(r.values, "region", null)
	disallowed(region)
	f := {
		"resource": r.address,
		"path": ["resources", i, "values", "region"],
		"message": sprintf("%s is placed in region %s, which is not in allowed_regions", [r.address, region]),
	}
}

disallowed(region) if {
	is_string(region)
	region != ""
	not tf_integrity.region_allowed(region)
}
