package tollgate.lib.aws.s3_data_test

import rego.v1

import data.tollgate.lib.aws.s3

ref(name) := {"__unknown__": true, "expr": concat(" ", ["Ref", name]), "ref": name}

test_cloudformation_log_and_empty_buckets_hold_no_data if {
	got := object.keys(s3.data_buckets) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {"LoggingConfiguration": {"DestinationBucketName": ref("AccessLogs")}}},
		"AccessLogs": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"Acl": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "LogDeliveryWrite"}},
		"TrailLogs": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "acme-trail"}},
		"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "acme-trail", "IsLogging": true}},
		"CdnLogs": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"Logging": {"Bucket": {"__unknown__": true, "expr": "GetAtt CdnLogs.DomainName", "ref": "CdnLogs", "attribute": "DomainName"}}}}},
		"Redirect": {"Type": "AWS::S3::Bucket", "Properties": {"WebsiteConfiguration": {"RedirectAllRequestsTo": {"HostName": "example.com"}}}},
		"Site": {"Type": "AWS::S3::Bucket", "Properties": {"WebsiteConfiguration": {"IndexDocument": "index.html"}}},
		"Unknown": {"Type": "AWS::S3::Bucket", "Properties": {"__unknown__": true, "expr": "If Prod"}},
	}}
	got == {"Data", "Site"}
}

tf_bucket(address, values) := {"address": address, "mode": "managed", "type": "aws_s3_bucket", "values": values}

tf_ref(address, attr) := {"__unknown__": true, "expr": concat(".", [address, attr]), "ref": address, "attribute": attr}

test_terraform_log_buckets_hold_no_data if {
	got := {b.resource | some b in s3.data_buckets} with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.data", {"bucket": "data"}),
		tf_bucket("aws_s3_bucket.logs", {"bucket": "logs"}),
		{"address": "aws_s3_bucket_logging.data", "mode": "managed", "type": "aws_s3_bucket_logging", "values": {"bucket": tf_ref("aws_s3_bucket.data", "id"), "target_bucket": tf_ref("aws_s3_bucket.logs", "id")}},
		tf_bucket("aws_s3_bucket.legacy_acl", {"acl": "log-delivery-write"}),
		tf_bucket("aws_s3_bucket.trail", {"bucket": "trail"}),
		{"address": "aws_cloudtrail.main", "mode": "managed", "type": "aws_cloudtrail", "values": {"s3_bucket_name": tf_ref("aws_s3_bucket.trail", "id")}},
		tf_bucket("aws_s3_bucket.flow", {}),
		{"address": "aws_flow_log.vpc", "mode": "managed", "type": "aws_flow_log", "values": {"log_destination": tf_ref("aws_s3_bucket.flow", "arn")}},
		tf_bucket("aws_s3_bucket.other", {}),
		{"address": "aws_s3_bucket_logging.other", "mode": "managed", "type": "aws_s3_bucket_logging", "values": {"bucket": tf_ref("aws_s3_bucket.other", "id"), "target_bucket": {"__unknown__": true, "expr": "var.log_bucket"}}},
	]}
	got == {"aws_s3_bucket.data", "aws_s3_bucket.other"}
}

test_versioning_fields if {
	got := {b.resource: s3.unversioned(b).path | some b in s3.data_buckets} with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.none", {}),
		tf_bucket("aws_s3_bucket.legacy_off", {"versioning": [{"enabled": false}]}),
		tf_bucket("aws_s3_bucket.legacy_on", {"versioning": [{"enabled": true}]}),
		tf_bucket("aws_s3_bucket.lock", {"object_lock_enabled": true}),
		tf_bucket("aws_s3_bucket.separate", {}),
		{"address": "aws_s3_bucket_versioning.separate", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {"bucket": tf_ref("aws_s3_bucket.separate", "id"), "versioning_configuration": [{"status": "Suspended"}]}},
	]}
	got == {
		"aws_s3_bucket.none": ["resources", 0],
		"aws_s3_bucket.legacy_off": ["resources", 1, "values", "versioning", 0, "enabled"],
	}
}

test_suspended_versioning if {
	got := {s.field.path | some s in s3.suspended_versioning} with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.data", {}),
		{"address": "aws_s3_bucket_versioning.data", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {"bucket": tf_ref("aws_s3_bucket.data", "id"), "versioning_configuration": [{"status": "Suspended"}]}},
		{"address": "aws_s3_bucket_versioning.elsewhere", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {"bucket": {"__unknown__": true, "expr": "var.bucket"}, "versioning_configuration": [{"status": "Disabled"}]}},
	]}
	got == {["resources", 1, "values", "versioning_configuration", 0, "status"]}
}

test_logged if {
	got := {b.resource | some b in s3.data_buckets; not s3.logged(b)} with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.none", {}),
		tf_bucket("aws_s3_bucket.legacy", {"logging": [{"target_bucket": "central-logs"}]}),
		tf_bucket("aws_s3_bucket.separate", {}),
		{"address": "aws_s3_bucket_logging.separate", "mode": "managed", "type": "aws_s3_bucket_logging", "values": {"bucket": tf_ref("aws_s3_bucket.separate", "id"), "target_bucket": "central-logs"}},
	]}
	got == {"aws_s3_bucket.none"}
}
