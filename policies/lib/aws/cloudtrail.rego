# METADATA
# description: CloudTrail trails as one view (see lib/view.rego).
package tollgate.lib.aws.cloudtrail

import rego.v1

import data.tollgate.lib.view

# trails: every trail, with the switches the controls read.
trails := view.resources({
	"cloudformation": {
		"type": "AWS::CloudTrail::Trail",
		"fields": {
			"log_file_validation": ["EnableLogFileValidation"],
			"multi_region": ["IsMultiRegionTrail"],
			"kms_key": ["KMSKeyId"],
			"logging": ["IsLogging"],
		},
	},
	"terraform": {
		"type": "aws_cloudtrail",
		"fields": {
			"log_file_validation": ["enable_log_file_validation"],
			"multi_region": ["is_multi_region_trail"],
			"kms_key": ["kms_key_id"],
			"logging": ["enable_logging"],
		},
	},
})
