package tollgate.aws.rds_parameter_group_tls_test

import rego.v1

import data.tollgate.aws.rds_parameter_group_tls

cfn(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"G": {"Type": type, "Properties": props}}}

tf(format, type, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": type, "address": concat(".", [type, "g"]), "values": values}]}

paths(fs) := {f.path | some f in fs}

db := "AWS::RDS::DBParameterGroup"

cluster := "AWS::RDS::DBClusterParameterGroup"

test_postgres_without_force_ssl_reported if {
	fs := rds_parameter_group_tls.deny with input as cfn(db, {"Family": "postgres14", "Parameters": {"work_mem": "64"}})
	paths(fs) == {["Resources", "G", "Properties", "Parameters", "rds.force_ssl"]}
	some f in fs
	f.message == "postgres14 parameter group does not require TLS (rds.force_ssl is not set)"
}

test_postgres_force_ssl_passes if {
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "postgres14", "Parameters": {"rds.force_ssl": 1}})
}

# RDS for PostgreSQL 15 and later require TLS by default.
test_postgres_15_default_passes_explicit_off_reported if {
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "postgres15", "Parameters": {}})
	fs := rds_parameter_group_tls.deny with input as cfn(db, {"Family": "postgres17", "Parameters": {"rds.force_ssl": "0"}})
	paths(fs) == {["Resources", "G", "Properties", "Parameters", "rds.force_ssl"]}
}

test_mysql_and_mariadb if {
	count(rds_parameter_group_tls.deny) == 1 with input as cfn(db, {"Family": "mysql8.0"})
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "mysql8.0", "Parameters": {"require_secure_transport": "on"}})
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "mysql5.6"})
	count(rds_parameter_group_tls.deny) == 1 with input as cfn(db, {"Family": "mariadb10.6"})
	count(rds_parameter_group_tls.deny) == 1 with input as cfn(db, {"Family": "mariadb10.11"})
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "mariadb10.4"})
}

# Aurora's switch is a cluster parameter; an Aurora DB parameter group has none.
test_aurora_switch_is_the_cluster_groups if {
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "aurora-postgresql16"})
	count(rds_parameter_group_tls.deny) == 1 with input as cfn(cluster, {"Family": "aurora-postgresql16"})
	count(rds_parameter_group_tls.deny) == 1 with input as cfn(cluster, {"Family": "aurora-mysql8.0"})
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(cluster, {"Family": "aurora5.6"})
}

test_unknown_is_not_a_finding if {
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": {"__unknown__": true}})
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "postgres14", "Parameters": {"__unknown__": true}})
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "postgres14", "Parameters": {"rds.force_ssl": {"__unknown__": true}}})
	count(rds_parameter_group_tls.deny) == 0 with input as tf("terraform", "aws_db_parameter_group", {"family": "postgres14", "parameter": [{"name": {"__unknown__": true}, "value": "1"}]})
}

test_terraform_blocks if {
	fs := rds_parameter_group_tls.deny with input as tf("terraform-plan", "aws_rds_cluster_parameter_group", {"family": "aurora-mysql8.0", "parameter": [{"name": "require_secure_transport", "value": "OFF"}]})
	paths(fs) == {["resources", 0, "values", "parameter", 0, "value"]}
	count(rds_parameter_group_tls.deny) == 0 with input as tf("terraform", "aws_db_parameter_group", {"family": "postgres13", "parameter": [{"name": "rds.force_ssl", "value": "1"}]})
	fs2 := rds_parameter_group_tls.deny with input as tf("terraform", "aws_db_parameter_group", {"family": "postgres13", "parameter": []})
	paths(fs2) == {["resources", 0, "values", "parameter"]}
}

test_sql_server if {
	count(rds_parameter_group_tls.deny) == 1 with input as cfn(db, {"Family": "sqlserver-se-15.0"})
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "sqlserver-se-15.0", "Parameters": {"rds.force_ssl": "1"}})
}

test_other_engines_have_no_switch if {
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "oracle-ee-19"})
	count(rds_parameter_group_tls.deny) == 0 with input as cfn(db, {"Family": "docdb5.0"})
}
