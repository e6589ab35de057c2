package tollgate.aws.redshift_parameter_group_tls_test

import rego.v1

import data.tollgate.aws.redshift_parameter_group_tls

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::Redshift::ClusterParameterGroup", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_redshift_parameter_group", "address": "aws_redshift_parameter_group.r", "values": values}]}

test_missing_reported if {
	fs := redshift_parameter_group_tls.deny with input as cfn({"ParameterGroupFamily": "redshift-1.0", "Parameters": [{"ParameterName": "enable_user_activity_logging", "ParameterValue": "true"}]})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "Parameters"]}
}

test_false_reported if {
	fs := redshift_parameter_group_tls.deny with input as tf("terraform", {"family": "redshift-1.0", "parameter": [{"name": "require_ssl", "value": "false"}]})
	{f.path | some f in fs} == {["resources", 0, "values", "parameter", 0, "value"]}
}

test_true_passes if {
	count(redshift_parameter_group_tls.deny) == 0 with input as tf("terraform-plan", {"family": "redshift-1.0", "parameter": [{"name": "require_ssl", "value": "true"}]})
}

test_unknown_parameters_pass if {
	count(redshift_parameter_group_tls.deny) == 0 with input as cfn({"Parameters": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

test_unknown_entry_passes if {
	count(redshift_parameter_group_tls.deny) == 0 with input as tf("terraform", {"parameter": [{"name": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}, "value": "true"}]})
}

