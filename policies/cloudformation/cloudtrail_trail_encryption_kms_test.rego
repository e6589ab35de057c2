package tollgate.cloudformation.cloudtrail_trail_encryption_kms_test

import rego.v1

import data.tollgate.cloudformation.cloudtrail_trail_encryption_kms as rule

trail(props) := {"Resources": {"Audit": {"Type": "AWS::CloudTrail::Trail", "Properties": props}}}

test_missing if {
	rule.deny == {{
		"resource": "Audit",
		"path": ["Resources", "Audit", "Properties", "KMSKeyId"],
		"message": "trail log files are not encrypted with KMS (KMSKeyId is not set)",
	}} with input as trail({"IsLogging": true, "S3BucketName": "audit-logs"})
}

test_set_or_unknown if {
	count(rule.deny) == 0 with input as trail({"KMSKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
	count(rule.deny) == 0 with input as trail({"KMSKeyId": {"__unknown__": true, "expr": "Ref TrailKey", "ref": "TrailKey"}})
}
