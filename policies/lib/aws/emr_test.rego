package tollgate.lib.aws.emr_test

import rego.v1

import data.tollgate.lib.aws.emr

cfn(config) := {"tollgate": {"format": "cloudformation"}, "Resources": {"S": {"Type": "AWS::EMR::SecurityConfiguration", "Properties": {"SecurityConfiguration": config}}}}

tf(config) := {"tollgate": {"format": "terraform"}, "resources": [{"mode": "managed", "type": "aws_emr_security_configuration", "address": "aws_emr_security_configuration.s", "values": {"configuration": config}}]}

q := ["EncryptionConfiguration", "EnableAtRestEncryption"]

test_embedded_object_keeps_paths if {
	[c] := emr.security_configurations with input as cfn({"EncryptionConfiguration": {"EnableAtRestEncryption": true}})
	c.embedded
	emr.setting(c, q) == true
	emr.setting_path(c, q) == ["SecurityConfiguration", "EncryptionConfiguration", "EnableAtRestEncryption"]
}

test_json_string_is_decoded_and_points_at_the_property if {
	[c] := emr.security_configurations with input as tf(`{"EncryptionConfiguration":{"EnableAtRestEncryption":false}}`)
	not c.embedded
	emr.setting(c, q) == false
	emr.switch_off(c, q)
	emr.setting_path(c, q) == ["configuration"]
}

test_invalid_or_unknown_string_is_unknown if {
	[c] := emr.security_configurations with input as tf("{not json")
	not emr.switch_off(c, q)
	[d] := emr.security_configurations with input as tf({"__unknown__": true})
	not emr.switch_off(d, q)
}

test_missing_document_is_not_read if {
	count(emr.security_configurations) == 0 with input as tf(null)
}

test_missing_switch_is_off if {
	[c] := emr.security_configurations with input as cfn({"AuthenticationConfiguration": {}})
	emr.switch_off(c, q)
}
