package tollgate.cloudformation.cloudtrail_multi_region_test

import rego.v1

import data.tollgate.cloudformation.cloudtrail_multi_region as rule

trail(props) := {"Resources": {"AuditTrail": {"Type": "AWS::CloudTrail::Trail", "Properties": props}}}

test_missing if {
	rule.deny == {{
		"resource": "AuditTrail",
		"path": ["Resources", "AuditTrail", "Properties", "IsMultiRegionTrail"],
		"message": "CloudTrail trail logs only its own region (IsMultiRegionTrail is not true)",
	}} with input as trail({"IsLogging": true, "S3BucketName": "audit-logs", "IncludeGlobalServiceEvents": true})
}

test_false if {
	count(rule.deny) == 1 with input as trail({"IsLogging": true, "IsMultiRegionTrail": false})
	count(rule.deny) == 1 with input as trail({"IsLogging": true, "IsMultiRegionTrail": "false"})
}

test_multi_region if {
	count(rule.deny) == 0 with input as trail({"IsMultiRegionTrail": true})
	count(rule.deny) == 0 with input as trail({"IsMultiRegionTrail": "true", "IncludeGlobalServiceEvents": true})
}

test_unknown if {
	count(rule.deny) == 0 with input as trail({"IsMultiRegionTrail": {"__unknown__": true, "expr": "Ref MultiRegion", "ref": "MultiRegion"}})
}

test_other_types_ignored if {
	count(rule.deny) == 0 with input as {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {}}}}
}
