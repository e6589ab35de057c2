# METADATA
# title: Redshift parameter groups require TLS
# description: >-
#   A Redshift cluster accepts unencrypted client connections unless its
#   parameter group sets require_ssl to true (the default is false). Only
#   parameter groups declared in the document are checked; a cluster on the
#   default parameter group is not reported (the fix is a parameter group).
# custom:
#   id: aws-redshift-parameter-group-tls
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Redshift::ClusterParameterGroup", "aws_redshift_parameter_group"]
#   remediation: Add the parameter require_ssl = true to the cluster parameter group.
package tollgate.aws.redshift_parameter_group_tls

import rego.v1

import data.tollgate.lib.aws.parameter_groups
import data.tollgate.lib.core

fix := {
	"cloudformation": "Add {ParameterName: require_ssl, ParameterValue: \"true\"} to Parameters.",
	"terraform": "Add parameter { name = \"require_ssl\", value = \"true\" }.",
}

deny contains f if {
	some g in parameter_groups.groups("redshift")
	x := object.get(g.params, ["require_ssl", "value"], null)
	not core.is_unknown(x)
	not core.is_true(x)
	f := parameter_groups.finding(g, "require_ssl", sprintf("Redshift parameter group does not require TLS (require_ssl is %s)", [describe(x)]), fix)
}

describe(x) := "not set" if x == null

else := sprintf("%v", [x])
