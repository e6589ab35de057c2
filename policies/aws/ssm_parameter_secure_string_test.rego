package tollgate.aws.ssm_parameter_secure_string_test

import rego.v1

import data.tollgate.aws.ssm_parameter_secure_string

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::SSM::Parameter", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_ssm_parameter", "address": "aws_ssm_parameter.r", "values": values}]}

test_credential_name_from_noecho_reported if {
	fs := ssm_parameter_secure_string.deny with input as cfn({"Name": "/app/db_password", "Type": "String", "Value": {"__unknown__": true, "sensitive": true, "ref": "DbPassword"}})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "Type"]}
}

test_reference_name_passes if {
	count(ssm_parameter_secure_string.deny) == 0 with input as cfn({"Name": "/app/db_password_arn", "Type": "String", "Value": "x"})
}

test_arn_value_passes if {
	count(ssm_parameter_secure_string.deny) == 0 with input as cfn({"Name": "/app/api_key", "Type": "String", "Value": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:k"})
}

test_dynamic_reference_reported if {
	fs := ssm_parameter_secure_string.deny with input as cfn({"Name": "/app/settings", "Type": "String", "Value": "{{resolve:secretsmanager:app:SecretString:token}}"})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "Type"]}
}

test_tf_secure_string_passes if {
	count(ssm_parameter_secure_string.deny) == 0 with input as tf("terraform", {"name": "/app/db_password", "type": "SecureString", "value": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_tf_generated_password_reported if {
	fs := ssm_parameter_secure_string.deny with input as tf("terraform-plan", {"name": "/app/db_password", "type": "String", "value": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
	{f.path | some f in fs} == {["resources", 0, "values", "type"]}
}

test_tf_insecure_value_reported if {
	fs := ssm_parameter_secure_string.deny with input as tf("terraform", {"name": "/app/token", "type": "StringList", "insecure_value": "a,b"})
	{f.path | some f in fs} == {["resources", 0, "values", "type"]}
}

test_tf_unknown_type_passes if {
	count(ssm_parameter_secure_string.deny) == 0 with input as tf("terraform", {"name": "/app/db_password", "type": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}, "value": "x"})
}

test_ordinary_parameter_passes if {
	count(ssm_parameter_secure_string.deny) == 0 with input as tf("terraform", {"name": "/app/db_host", "type": "String", "value": "db.internal"})
}

# A credential format in the value is reported whatever the name, and the
# finding carries the value only for redaction, never in its message.
test_known_credential_format_reported_without_printing_it if {
	key := concat("", ["AKIA", "QYLPMN5HFIQR7XYZ"])
	fs := ssm_parameter_secure_string.deny with input as tf("terraform", {"name": "/app/settings", "type": "String", "value": key})
	count(fs) == 1
	some f in fs
	f.path == ["resources", 0, "values", "type"]
	not contains(f.message, key)
	f.secret == key
}

test_literal_credential_is_handed_over_for_redaction if {
	fs := ssm_parameter_secure_string.deny with input as cfn({"Name": "/app/db_password", "Type": "String", "Value": "Zq8-vL2pR7mX"})
	count(fs) == 1
	some f in fs
	f.secret == "Zq8-vL2pR7mX"
	not contains(f.message, "Zq8")
}
