package tollgate.lib.tf_test

import rego.v1

import data.tollgate.lib.tf

doc := {"resources": [
	{"address": "aws_s3_bucket.b[\"a\"]", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "logs-a", "tags": null}},
	{"address": "data.aws_s3_bucket.x", "mode": "data", "type": "aws_s3_bucket", "values": {}},
	{"address": "aws_s3_bucket_versioning.v", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {
		"bucket": {"__unknown__": true, "expr": "aws_s3_bucket.b[\"a\"].id", "ref": "aws_s3_bucket.b[\"a\"]", "attribute": "id"},
		"versioning_configuration": [{"status": "Enabled"}],
	}},
	{"address": "aws_s3_bucket_policy.p", "mode": "managed", "type": "aws_s3_bucket_policy", "values": {"bucket": "logs-a"}},
]}

test_resources_skip_data_sources if {
	got := tf.resources("aws_s3_bucket") with input as doc
	object.keys(got) == {0}
}

test_value_treats_null_as_missing if {
	tf.value(doc.resources[0], ["tags"], "d") == "d"
	tf.value(doc.resources[0], ["bucket"], "d") == "logs-a"
	not tf.has_value(doc.resources[0], ["tags"])
	tf.has_value(doc.resources[2], ["bucket"])
}

test_block if {
	tf.block(doc.resources[2], "versioning_configuration").status == "Enabled"
	tf.block(doc.resources[0], "versioning_configuration") == {}
}

test_target_by_reference_and_by_name if {
	tf.target(doc.resources[2].values.bucket, "aws_s3_bucket", "bucket") == {0} with input as doc
	tf.target(doc.resources[3].values.bucket, "aws_s3_bucket", "bucket") == {0} with input as doc
	tf.target("other", "aws_s3_bucket", "bucket") == set() with input as doc
}

test_refers_to_instances if {
	tf.refers_to({"__unknown__": true, "ref": "aws_kms_key.k[0]"}, "aws_kms_key.k")
	tf.refers_to({"__unknown__": true, "refs": ["aws_kms_key.a", "aws_kms_key.k"]}, "aws_kms_key.k")
	not tf.refers_to({"__unknown__": true, "ref": "aws_kms_key.kk"}, "aws_kms_key.k")
}

test_finding_path if {
	f := tf.finding(0, ["bucket"], "m") with input as doc
	f == {"resource": "aws_s3_bucket.b[\"a\"]", "path": ["resources", 0, "values", "bucket"], "message": "m"}
}
