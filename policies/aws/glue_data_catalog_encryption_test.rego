package tollgate.aws.glue_data_catalog_encryption_test

import rego.v1

import data.tollgate.aws.glue_data_catalog_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::Glue::DataCatalogEncryptionSettings", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_glue_data_catalog_encryption_settings", "address": "aws_glue_data_catalog_encryption_settings.r", "values": values}]}

test_missing_reported if {
	fs := glue_data_catalog_encryption.deny with input as cfn({"CatalogId": "1"})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "DataCatalogEncryptionSettings", "EncryptionAtRest", "CatalogEncryptionMode"], ["Resources", "R", "Properties", "DataCatalogEncryptionSettings", "ConnectionPasswordEncryption", "ReturnConnectionPasswordEncrypted"]}
}

test_service_role_mode_passes if {
	count(glue_data_catalog_encryption.deny) == 0 with input as cfn({"DataCatalogEncryptionSettings": {"EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS-WITH-SERVICE-ROLE"}, "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": "true"}}})
}

test_tf_disabled_reported if {
	fs := glue_data_catalog_encryption.deny with input as tf("terraform-plan", {"data_catalog_encryption_settings": [{"encryption_at_rest": [{"catalog_encryption_mode": "DISABLED"}], "connection_password_encryption": [{"return_connection_password_encrypted": true}]}]})
	{f.path | some f in fs} == {["resources", 0, "values", "data_catalog_encryption_settings", 0, "encryption_at_rest", 0, "catalog_encryption_mode"]}
}

test_cmk_reported_under_switch if {
	fs := glue_data_catalog_encryption.deny with input as tf("terraform", {"data_catalog_encryption_settings": [{"encryption_at_rest": [{"catalog_encryption_mode": "SSE-KMS"}], "connection_password_encryption": [{"return_connection_password_encrypted": true}]}]})
		with data.tollgate.config.require_customer_managed_keys as true
	{f.path | some f in fs} == {["resources", 0, "values", "data_catalog_encryption_settings", 0, "encryption_at_rest", 0, "sse_aws_kms_key_id"]}
}

test_unknown_passes if {
	count(glue_data_catalog_encryption.deny) == 0 with input as cfn({"DataCatalogEncryptionSettings": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

