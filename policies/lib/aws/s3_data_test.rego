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

test_cloudformation_log_delivery_by_policy_config_acl_and_replica if {
	got := object.keys(s3.data_buckets) with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"CdnLogs": {"Type": "AWS::S3::Bucket", "Properties": {"ReplicationConfiguration": {"Rules": [{"Destination": {"Bucket": {"__unknown__": true, "expr": "GetAtt CdnLogsReplica.Arn", "ref": "CdnLogsReplica", "attribute": "Arn"}}}]}}},
		"CdnLogsReplica": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"Cdn": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"Logging": {"Bucket": {"__unknown__": true, "expr": "GetAtt CdnLogs.RegionalDomainName", "ref": "CdnLogs", "attribute": "RegionalDomainName"}}}}},
		"FlowLogs": {"Type": "AWS::S3::Bucket", "Properties": {"ReplicationConfiguration": {"Role": "arn:aws:iam::111122223333:role/r", "Rules": [{"Status": "Enabled", "Destination": {"Bucket": {"__unknown__": true, "expr": "GetAtt FlowLogsReplica.Arn", "ref": "FlowLogsReplica", "attribute": "Arn"}}}]}}},
		"FlowLogsReplica": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"FlowLogsPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": ref("FlowLogs"), "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "*"}]}}},
		"ReadersPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": ref("Data"), "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": "s3:GetObject", "Resource": "*"}]}}},
		"ConfigBucket": {"Type": "AWS::S3::Bucket", "Properties": {}},
		"Channel": {"Type": "AWS::Config::DeliveryChannel", "Properties": {"S3BucketName": ref("ConfigBucket")}},
		"ParamAcl": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": {"__unknown__": true, "expr": "Ref Acl", "ref": "Acl"}}},
	}}
	got == {"Data"}
}

test_terraform_log_delivery_by_policy_acl_and_config if {
	got := {b.resource | some b in s3.data_buckets} with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.data", {}),
		tf_bucket("aws_s3_bucket.logs", {}),
		{"address": "data.aws_iam_policy_document.logs", "mode": "data", "type": "aws_iam_policy_document", "values": {"statement": [{"actions": ["s3:PutObject"], "principals": [{"type": "Service", "identifiers": ["logging.s3.amazonaws.com"]}], "resources": [tf_ref("aws_s3_bucket.logs", "arn")]}]}},
		{"address": "aws_s3_bucket_policy.logs", "mode": "managed", "type": "aws_s3_bucket_policy", "values": {"bucket": tf_ref("aws_s3_bucket.logs", "id"), "policy": {"__unknown__": true, "expr": "data.aws_iam_policy_document.logs.json", "ref": "data.aws_iam_policy_document.logs", "attribute": "json"}}},
		tf_bucket("aws_s3_bucket.cdn_logs", {}),
		{"address": "aws_s3_bucket_acl.cdn_logs", "mode": "managed", "type": "aws_s3_bucket_acl", "values": {"bucket": tf_ref("aws_s3_bucket.cdn_logs", "id"), "access_control_policy": [{"grant": [{"permission": "FULL_CONTROL", "grantee": [{"type": "CanonicalUser", "id": {"__unknown__": true, "expr": "data.aws_cloudfront_log_delivery_canonical_user_id.this.id"}}]}]}]}},
		tf_bucket("aws_s3_bucket.dynamic_grants", {}),
		{"address": "aws_s3_bucket_acl.dynamic_grants", "mode": "managed", "type": "aws_s3_bucket_acl", "values": {"bucket": tf_ref("aws_s3_bucket.dynamic_grants", "id"), "access_control_policy": [{"__unknown__": true, "expr": "length(local.grants) > 0 ? [true] : []"}]}},
		tf_bucket("aws_s3_bucket.private_acl", {}),
		{"address": "aws_s3_bucket_acl.private_acl", "mode": "managed", "type": "aws_s3_bucket_acl", "values": {"bucket": tf_ref("aws_s3_bucket.private_acl", "id"), "acl": "private"}},
		tf_bucket("aws_s3_bucket.legacy_grant", {"grant": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/s3/LogDelivery", "permissions": ["WRITE", "READ_ACP"]}]}),
		tf_bucket("aws_s3_bucket.config", {}),
		{"address": "aws_config_delivery_channel.main", "mode": "managed", "type": "aws_config_delivery_channel", "values": {"s3_bucket_name": tf_ref("aws_s3_bucket.config", "bucket")}},
	]}
	got == {"aws_s3_bucket.data", "aws_s3_bucket.private_acl"}
}

# The indexed lookups decide as tf_encryption.names and configured do: a
# reference to a counted bucket's config address names each instance, a
# literal name names the bucket with that name, and a value that names no
# bucket of the configuration (a variable) may name any.
test_terraform_index_forms if {
	got := {b.resource | some b in s3.data_buckets; s3.unversioned(b)} with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.counted[*]", {}),
		tf_bucket("aws_s3_bucket.named", {"bucket": "acme-named"}),
		tf_bucket("aws_s3_bucket.other", {"bucket": "acme-other"}),
		{"address": "aws_s3_bucket_versioning.counted", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {"bucket": tf_ref("aws_s3_bucket.counted[0]", "id"), "versioning_configuration": [{"status": "Enabled"}]}},
		{"address": "aws_s3_bucket_versioning.named", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {"bucket": "acme-named", "versioning_configuration": [{"status": "Enabled"}]}},
	]}
	got == {"aws_s3_bucket.other"}
	none := {b.resource | some b in s3.data_buckets; s3.unversioned(b)} with input as {"tollgate": {"format": "terraform"}, "resources": [
		tf_bucket("aws_s3_bucket.other", {"bucket": "acme-other"}),
		{"address": "aws_s3_bucket_versioning.any", "mode": "managed", "type": "aws_s3_bucket_versioning", "values": {"bucket": {"__unknown__": true, "expr": "var.bucket"}, "versioning_configuration": [{"status": "Enabled"}]}},
	]}
	none == set()
}
