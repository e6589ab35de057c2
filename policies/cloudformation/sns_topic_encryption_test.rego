package tollgate.cloudformation.sns_topic_encryption_test

import rego.v1

import data.tollgate.cloudformation.sns_topic_encryption as rule

topic(props) := {"Resources": {"Alerts": {"Type": "AWS::SNS::Topic", "Properties": props}}}

test_unencrypted if {
	rule.deny == {{
		"resource": "Alerts",
		"path": ["Resources", "Alerts", "Properties", "KmsMasterKeyId"],
		"message": "topic is not encrypted at rest (KmsMasterKeyId is not set)",
	}} with input as topic({"TopicName": "alerts"})
	count(rule.deny) == 1 with input as topic({"KmsMasterKeyId": ""})
	count(rule.deny) == 1 with input as {"Resources": {"Alerts": {"Type": "AWS::SNS::Topic"}}}
}

test_encrypted_or_unknown if {
	count(rule.deny) == 0 with input as topic({"KmsMasterKeyId": "alias/aws/sns"})
	count(rule.deny) == 0 with input as topic({"KmsMasterKeyId": {"__unknown__": true, "expr": "Ref TopicKey", "ref": "TopicKey"}})
}
