package tollgate.lib.aws.cloudtrail_test

import rego.v1

import data.tollgate.lib.aws.cloudtrail
import data.tollgate.lib.view

test_cloudformation if {
	t := cloudtrail.trails.T with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {
		"EnableLogFileValidation": true, "IsMultiRegionTrail": false, "KMSKeyId": "alias/trail",
	}}}}
	[view.value(t, "log_file_validation"), view.value(t, "multi_region"), view.value(t, "kms_key")] == [true, false, "alias/trail"]
	_kms_key := view.field_of(t, "kms_key")
	_kms_key.path == ["Resources", "T", "Properties", "KMSKeyId"]
}

test_terraform if {
	t := cloudtrail.trails[0] with input as {"tollgate": {"format": "terraform-plan"}, "resources": [{"address": "aws_cloudtrail.t", "mode": "managed", "type": "aws_cloudtrail", "values": {
		"enable_log_file_validation": true, "is_multi_region_trail": false, "kms_key_id": null,
	}}]}
	[view.value(t, "log_file_validation"), view.value(t, "multi_region"), view.value(t, "kms_key")] == [true, false, null]
	_kms_key := view.field_of(t, "kms_key")
	_kms_key.path == ["resources", 0, "values", "kms_key_id"]
	_kms_key.name == "kms_key_id"
}
