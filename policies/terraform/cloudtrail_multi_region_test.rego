package tollgate.terraform.cloudtrail_multi_region_test

import rego.v1

import data.tollgate.terraform.cloudtrail_multi_region as rule

trail(values) := {"address": "aws_cloudtrail.org", "mode": "managed", "type": "aws_cloudtrail", "values": values}

test_default_false_and_null if {
	got := rule.deny with input as {"resources": [
		trail({"name": "org", "s3_bucket_name": "trail-logs"}),
		trail({"is_multi_region_trail": false}),
		trail({"is_multi_region_trail": null}),
	]}
	{f.path | some f in got} == {
		["resources", 0, "values", "is_multi_region_trail"],
		["resources", 1, "values", "is_multi_region_trail"],
		["resources", 2, "values", "is_multi_region_trail"],
	}
	some f in got
	f == {
		"resource": "aws_cloudtrail.org",
		"path": ["resources", 0, "values", "is_multi_region_trail"],
		"message": "CloudTrail trail logs only its own region (is_multi_region_trail is not true)",
	}
}

test_multi_region_or_unknown if {
	got := rule.deny with input as {"resources": [
		trail({"is_multi_region_trail": true}),
		trail({"is_multi_region_trail": "true"}),
		trail({"is_multi_region_trail": {"__unknown__": true, "expr": "var.multi_region"}}),
	]}
	got == set()
}

test_data_sources_ignored if {
	d := object.union(trail({}), {"mode": "data"})
	count(rule.deny) == 0 with input as {"resources": [d]}
}
