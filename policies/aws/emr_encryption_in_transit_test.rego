package tollgate.aws.emr_encryption_in_transit_test

import rego.v1

import data.tollgate.aws.emr_encryption_in_transit

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::EMR::SecurityConfiguration", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_emr_security_configuration", "address": "aws_emr_security_configuration.r", "values": values}]}

test_object_missing_reported if {
	fs := emr_encryption_in_transit.deny with input as cfn({"SecurityConfiguration": {"EncryptionConfiguration": {"EnableAtRestEncryption": true}}})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "SecurityConfiguration", "EncryptionConfiguration", "EnableInTransitEncryption"]}
}

test_object_true_passes if {
	count(emr_encryption_in_transit.deny) == 0 with input as cfn({"SecurityConfiguration": {"EncryptionConfiguration": {"EnableInTransitEncryption": "true"}}})
}

test_tf_string_reported if {
	fs := emr_encryption_in_transit.deny with input as tf("terraform-plan", {"configuration": "{\"EncryptionConfiguration\":{\"EnableInTransitEncryption\":false}}"})
	{f.path | some f in fs} == {["resources", 0, "values", "configuration"]}
}

test_tf_unknown_passes if {
	count(emr_encryption_in_transit.deny) == 0 with input as tf("terraform", {"configuration": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

