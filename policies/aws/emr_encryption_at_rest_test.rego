package tollgate.aws.emr_encryption_at_rest_test

import rego.v1

import data.tollgate.aws.emr_encryption_at_rest

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::EMR::SecurityConfiguration", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_emr_security_configuration", "address": "aws_emr_security_configuration.r", "values": values}]}

test_object_missing_reported if {
	fs := emr_encryption_at_rest.deny with input as cfn({"SecurityConfiguration": {"AuthenticationConfiguration": {}}})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "SecurityConfiguration", "EncryptionConfiguration", "EnableAtRestEncryption"]}
}

test_object_false_reported if {
	fs := emr_encryption_at_rest.deny with input as cfn({"SecurityConfiguration": {"EncryptionConfiguration": {"EnableAtRestEncryption": "false"}}})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "SecurityConfiguration", "EncryptionConfiguration", "EnableAtRestEncryption"]}
}

test_object_true_passes if {
	count(emr_encryption_at_rest.deny) == 0 with input as cfn({"SecurityConfiguration": {"EncryptionConfiguration": {"EnableAtRestEncryption": true}}})
}

test_cfn_json_string_reported_at_property if {
	fs := emr_encryption_at_rest.deny with input as cfn({"SecurityConfiguration": "{\"EncryptionConfiguration\":{\"EnableAtRestEncryption\":false}}"})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "SecurityConfiguration"]}
}

test_unknown_block_passes if {
	count(emr_encryption_at_rest.deny) == 0 with input as cfn({"SecurityConfiguration": {"EncryptionConfiguration": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}})
}

test_tf_string_reported if {
	fs := emr_encryption_at_rest.deny with input as tf("terraform", {"configuration": "{\"EncryptionConfiguration\":{\"EnableInTransitEncryption\":true}}"})
	{f.path | some f in fs} == {["resources", 0, "values", "configuration"]}
}

test_plan_string_passes if {
	count(emr_encryption_at_rest.deny) == 0 with input as tf("terraform-plan", {"configuration": "{\"EncryptionConfiguration\":{\"EnableAtRestEncryption\":true}}"})
}

test_tf_unknown_string_passes if {
	count(emr_encryption_at_rest.deny) == 0 with input as tf("terraform", {"configuration": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_tf_invalid_json_passes if {
	count(emr_encryption_at_rest.deny) == 0 with input as tf("terraform", {"configuration": "not json"})
}

