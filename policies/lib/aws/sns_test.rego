package tollgate.lib.aws.sns_test

import rego.v1

import data.tollgate.lib.aws.sns
import data.tollgate.lib.view

test_cloudformation if {
	t := sns.topics.T with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": "alias/aws/sns"}}}}
	view.value(t, "kms_key") == "alias/aws/sns"
	view.spelled(t, "kms_key") == "KmsMasterKeyId"
}

test_terraform if {
	t := sns.topics[0] with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_sns_topic.t", "mode": "managed", "type": "aws_sns_topic", "values": {"kms_master_key_id": "alias/aws/sns"}}]}
	view.value(t, "kms_key") == "alias/aws/sns"
	_kms_key := view.field_of(t, "kms_key")
	_kms_key.path == ["resources", 0, "values", "kms_master_key_id"]
}
