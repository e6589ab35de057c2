# METADATA
# description: SNS topics as one view (see lib/view.rego).
package tollgate.lib.aws.sns

import rego.v1

import data.tollgate.lib.view

topics := view.resources({
	"cloudformation": {"type": "AWS::SNS::Topic", "fields": {"kms_key": ["KmsMasterKeyId"]}},
	"terraform": {"type": "aws_sns_topic", "fields": {"kms_key": ["kms_master_key_id"]}},
})
