package tollgate.lib.aws.regions_test

import rego.v1

import data.tollgate.lib.aws.regions

test_arn_region if {
	regions.arn_region("arn:aws-us-gov:s3:us-gov-west-1:1:x") == "us-gov-west-1"
	regions.arn_region("arn:aws-cn:sqs:cn-north-1:1:q") == "cn-north-1"
	not regions.arn_region("arn:aws:s3:::bucket")
	not regions.arn_region("arn:aws:iam::aws:policy/ReadOnlyAccess")
	not regions.arn_region("arn:aws:sqs:*:1:q")
	not regions.arn_region("arn:aws:sqs:us-east-1")
	not regions.arn_region("not-an-arn:aws:sqs:us-east-1:1:q")
	not regions.arn_region({"__unknown__": true, "expr": "arn:aws:sqs:us-east-1:1:q"})
}

test_is_region if {
	regions.is_region("eu-west-1")
	regions.is_region("US-EAST-1")
	regions.is_region("us-isob-east-1")
	not regions.is_region("eu-west-1a")
	not regions.is_region("*")
	not regions.is_region("")
	not regions.is_region("unknown-region")
}

# The strings inside an unknown marker are the expression as written, never
# a value: a marker whose expression happens to be an ARN names no region.
test_unknown_marker_is_not_a_mention if {
	doc := {"tollgate": {"format": "cloudformation"}, "Resources": {"T": {"Type": "AWS::SNS::Subscription", "Properties": {
		"TopicArn": {"__unknown__": true, "expr": "arn:aws:sns:us-east-1:1:t"},
		"Endpoint": [{"__unknown__": true, "ref": "arn:aws:sqs:us-east-1:1:q", "expr": "Ref X"}],
	}}}}
	count(regions.mentions) == 0 with input as doc
}

test_list_patterns_match_only_indexes if {
	doc := {"tollgate": {"format": "cloudformation"}, "Resources": {"T": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {
		"Replicas": {"Region": "us-east-1"},
	}}}}
	count(regions.mentions) == 0 with input as doc
}

# Properties that are not an object (an unknown Fn::If over the whole block)
# are skipped, not an error.
test_unknown_properties if {
	doc := {"tollgate": {"format": "cloudformation"}, "Resources": {
		"T": {"Type": "AWS::SNS::Topic", "Properties": {"__unknown__": true, "expr": "Fn::If"}},
		"U": {"Type": "AWS::SNS::Topic"},
		"V": ["Fn::ForEach"],
	}}
	count(regions.mentions) == 0 with input as doc
}
