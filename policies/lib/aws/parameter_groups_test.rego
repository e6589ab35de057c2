package tollgate.lib.aws.parameter_groups_test

import rego.v1

import data.tollgate.lib.aws.parameter_groups

cfn(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"G": {"Type": type, "Properties": props}}}

tf(type, values) := {"tollgate": {"format": "terraform-plan"}, "resources": [{"mode": "managed", "type": type, "address": "g", "values": values}]}

test_cfn_map_by_lower_case_name if {
	[g] := [g | some g in parameter_groups.groups("rds")] with input as cfn("AWS::RDS::DBParameterGroup", {"Family": "postgres14", "Parameters": {"RDS.Force_SSL": "1"}})
	g.family == "postgres14"
	g.params["rds.force_ssl"] == {"value": "1", "path": ["Parameters", "RDS.Force_SSL"]}
}

test_redshift_list if {
	[g] := [g | some g in parameter_groups.groups("redshift")] with input as cfn("AWS::Redshift::ClusterParameterGroup", {"ParameterGroupFamily": "redshift-1.0", "Parameters": [{"ParameterName": "require_ssl", "ParameterValue": "true"}]})
	g.params.require_ssl == {"value": "true", "path": ["Parameters", 0, "ParameterValue"]}
}

test_terraform_blocks if {
	[g] := [g | some g in parameter_groups.groups("rds_cluster")] with input as tf("aws_rds_cluster_parameter_group", {"family": "aurora-mysql8.0", "parameter": [{"name": "a", "value": "1"}, {"name": "require_secure_transport", "value": "ON"}]})
	g.params.require_secure_transport.path == ["parameter", 1, "value"]
}

test_missing_parameters_are_empty if {
	[g] := [g | some g in parameter_groups.groups("rds")] with input as cfn("AWS::RDS::DBParameterGroup", {"Family": "mysql8.0"})
	g.params == {}
}

test_unknown_parameters_leave_the_group_out if {
	count(parameter_groups.groups("rds")) == 0 with input as cfn("AWS::RDS::DBParameterGroup", {"Family": "mysql8.0", "Parameters": {"__unknown__": true}})
	count(parameter_groups.groups("redshift")) == 0 with input as tf("aws_redshift_parameter_group", {"parameter": [{"__unknown__": true}]})
}

test_missing_parameter_finding_points_where_it_belongs if {
	[g] := [g | some g in parameter_groups.groups("rds")] with input as cfn("AWS::RDS::DBParameterGroup", {"Family": "mysql8.0", "Parameters": {}})
	f := parameter_groups.finding(g, "require_secure_transport", "m", {}) with input as cfn("AWS::RDS::DBParameterGroup", {"Family": "mysql8.0", "Parameters": {}})
	f.path == ["Resources", "G", "Properties", "Parameters", "require_secure_transport"]
}
