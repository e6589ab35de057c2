# METADATA
# title: Databases are not publicly accessible
# description: >-
#   A publicly accessible database instance gets a public IP address and a
#   DNS name that resolves to it from outside the VPC, so only its security
#   group stands between the database and the internet. Reported when
#   publicly_accessible is true on aws_db_instance, aws_rds_cluster_instance
#   or aws_neptune_cluster_instance. The provider's default is false, so an
#   unset argument is not reported; neither is a value known only at apply.
# custom:
#   id: aws-rds-publicly-accessible
#   severity: high
#   theme: public-access
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_db_instance", "aws_rds_cluster_instance", "aws_neptune_cluster_instance"]
#   remediation: >-
#     Set publicly_accessible = false (or remove it) and place the database in
#     private subnets with db_subnet_group_name; connect from inside the VPC,
#     through a VPN or a bastion.
package tollgate.terraform.rds_publicly_accessible

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

types := ["aws_db_instance", "aws_rds_cluster_instance", "aws_neptune_cluster_instance"]

deny contains f if {
	some type in types
	some i, r in tf.resources(type)
	core.is_true(tf.value(r, ["publicly_accessible"], false))
	f := tf.finding(i, ["publicly_accessible"], sprintf("%s is publicly accessible (publicly_accessible is true)", [type]))
}
