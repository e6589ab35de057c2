package tollgate.lib.cfn_test

import rego.v1

import data.tollgate.lib.cfn

tmpl := {"Resources": {
	"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "x", "Tags": []}},
	"Q": {"Type": "AWS::SQS::Queue"},
	"K": {"Type": "AWS::KMS::Key", "Properties": {"Policy": {"__unknown__": true, "expr": "Fn::GetAtt R.Arn", "ref": "R"}}},
}}

test_resources_by_type if {
	got := cfn.resources("AWS::S3::Bucket") with input as tmpl
	object.keys(got) == {"B"}
}

test_prop_defaults if {
	cfn.prop(tmpl.Resources.B, ["BucketName"], "") == "x"
	cfn.prop(tmpl.Resources.Q, ["KmsMasterKeyId"], "none") == "none"
}

test_has_prop_counts_unknown_as_set if {
	cfn.has_prop(tmpl.Resources.K, ["Policy"])
	cfn.has_prop(tmpl.Resources.B, ["Tags"])
	not cfn.has_prop(tmpl.Resources.Q, ["KmsMasterKeyId"])
}

test_has_prop_under_unknown_block if {
	include := {"__unknown__": true, "expr": "Fn::Transform", "reason": "r"}
	cfn.has_prop({"Properties": include}, ["BucketEncryption"])
	cfn.has_prop({"Properties": {"A": include}}, ["A", "B"])
	not cfn.has_prop({"Properties": {"A": {}}}, ["A", "B"])
}

test_refers_to if {
	cfn.refers_to(tmpl.Resources.K.Properties.Policy, "R")
	not cfn.refers_to("R", "R")
}

test_finding_paths if {
	cfn.finding("B", ["BucketEncryption"], "m") == {"resource": "B", "path": ["Resources", "B", "Properties", "BucketEncryption"], "message": "m"}
	cfn.resource_finding("B", "m").path == ["Resources", "B"]
}

test_resources_in if {
	got := cfn.resources_in({"AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::SNS::Topic"}) with input as tmpl
	object.keys(got) == {"B", "Q"}
}

# A Fn::ForEach entry under Resources is an array, not a resource: it has no
# properties (and asking must not be an evaluation error).
test_properties_of_foreach_entry_undefined if {
	not cfn.properties(["Topics", ["A", "B"], {"Topic${Topics}": {"Type": "AWS::SNS::Topic"}}])
	not cfn.prop(["Topics", ["A"], {}], ["Name"], "none")
}

# has_prop takes a key as well as a path, as object.get does; under strict
# builtin errors a key used to fail the whole evaluation.
test_has_prop_takes_a_key if {
	cfn.has_prop({"Properties": {"A": 1}}, "A")
	not cfn.has_prop({"Properties": {"A": 1}}, "B")
	cfn.has_prop({"Properties": {"__unknown__": true}}, "B")
}
