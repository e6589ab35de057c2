# METADATA
# title: RDS and Aurora parameter groups require TLS
# description: >-
#   A database accepts unencrypted client connections unless its parameter
#   group requires TLS: rds.force_ssl = 1 for PostgreSQL, Aurora PostgreSQL
#   (cluster group) and SQL Server, and require_secure_transport = ON for
#   MySQL 5.7+, MariaDB 10.5+ and Aurora MySQL 2+ (cluster group). Oracle
#   (an SSL option in its option group) is not checked. Only parameter groups
#   declared in the document are checked, and only of a family and kind where
#   the switch exists (an Aurora DB parameter group has no such switch: it is
#   the cluster group's). RDS for PostgreSQL 15 and later require TLS by
#   default, so there only rds.force_ssl = 0 is reported. A database that
#   uses its engine's default parameter group is not reported: the fix is a
#   parameter group, and this rule checks the groups you write.
# custom:
#   id: aws-rds-parameter-group-tls
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::RDS::DBClusterParameterGroup", "AWS::RDS::DBParameterGroup", "aws_db_parameter_group", "aws_rds_cluster_parameter_group"]
#   remediation: >-
#     Set rds.force_ssl to 1 (PostgreSQL, SQL Server) or require_secure_transport to ON
#     (MySQL, MariaDB) in the parameter group (the cluster parameter group
#     for Aurora).
package tollgate.aws.rds_parameter_group_tls

import rego.v1

import data.tollgate.lib.aws.parameter_groups
import data.tollgate.lib.core

fix := {
	"cloudformation": "Add rds.force_ssl: 1 (PostgreSQL, SQL Server) or require_secure_transport: ON (MySQL, MariaDB) to Parameters (of the DBClusterParameterGroup for Aurora).",
	"terraform": "Add parameter { name = \"rds.force_ssl\", value = \"1\" } (PostgreSQL, SQL Server) or parameter { name = \"require_secure_transport\", value = \"ON\" } (MySQL, MariaDB) to the parameter group (the cluster parameter group for Aurora).",
}

# switch returns {"name", "on", "default_on"} for a group kind and family
# where TLS can be required; undefined elsewhere.
switch(kind, family) := {"name": "rds.force_ssl", "on": {"1"}, "default_on": major(family, "postgres") >= 15} if {
	kind in {"rds", "rds_cluster"}
	startswith(family, "postgres")
}

switch("rds_cluster", family) := {"name": "rds.force_ssl", "on": {"1"}, "default_on": false} if {
	startswith(family, "aurora-postgresql")
}

switch(kind, family) := {"name": "require_secure_transport", "on": {"on", "1", "true"}, "default_on": false} if {
	kind in {"rds", "rds_cluster"}
	startswith(family, "mysql")
	not family in {"mysql5.5", "mysql5.6"}
}

switch("rds", family) := {"name": "require_secure_transport", "on": {"on", "1", "true"}, "default_on": false} if {
	startswith(family, "mariadb")
	[major(family, "mariadb"), minor(family, "mariadb")] >= [10, 5]
}

# SQL Server accepts plaintext connections unless rds.force_ssl is 1.
switch("rds", family) := {"name": "rds.force_ssl", "on": {"1"}, "default_on": false} if {
	startswith(family, "sqlserver-")
}

# aurora-mysql5.7 (Aurora MySQL 2) and aurora-mysql8.0 (3); not aurora5.6.
switch("rds_cluster", family) := {"name": "require_secure_transport", "on": {"on", "1", "true"}, "default_on": false} if {
	startswith(family, "aurora-mysql")
}

major(family, prefix) := to_number(split(trim_prefix(family, prefix), ".")[0]) if {
	regex.match(`^[0-9]+`, trim_prefix(family, prefix))
} else := 0

minor(family, prefix) := to_number(split(trim_prefix(family, prefix), ".")[1]) if {
	regex.match(`^[0-9]+\.[0-9]+`, trim_prefix(family, prefix))
} else := 0

# value_string spells a parameter value for comparison (CloudFormation
# allows numbers and booleans).
value_string(x) := lower(x) if is_string(x)

else := lower(sprintf("%v", [x])) if {
	not is_object(x)
	x != null
}

deny contains f if {
	some kind in ["rds", "rds_cluster"]
	some g in parameter_groups.groups(kind)
	is_string(g.family)
	s := switch(kind, lower(g.family))
	x := object.get(g.params, [s.name, "value"], null)
	not tls_required(s, x)
	f := parameter_groups.finding(g, s.name, sprintf("%s parameter group does not require TLS (%s is %s)", [g.family, s.name, describe(x)]), fix)
}

tls_required(s, x) if {
	x == null
	s.default_on
}

tls_required(_, x) if core.is_unknown(x)

tls_required(s, x) if value_string(x) in s.on

describe(x) := "not set" if x == null

else := sprintf("%v", [x])
