# METADATA
# title: Databases are not publicly accessible
# description: >-
#   A publicly accessible RDS DB instance or Multi-AZ DB cluster gets a public
#   IP address and a DNS name that resolves to it from outside the VPC, so
#   only its security group stands between the database and the internet.
#   Reported when PubliclyAccessible is true on AWS::RDS::DBInstance or
#   AWS::RDS::DBCluster (a value known only at deployment is not). When the
#   property is left out, RDS decides from the network: an instance without
#   DBSubnetGroupName lands in the default VPC and is public when that VPC
#   has an internet gateway; setting PubliclyAccessible to false explicitly
#   removes the doubt. DocumentDB and Neptune have no such property: they
#   are reachable only from inside their VPC.
# custom:
#   id: aws-rds-publicly-accessible
#   severity: high
#   theme: public-access
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "aws_db_instance", "aws_neptune_cluster_instance", "aws_rds_cluster_instance"]
#   remediation: >-
#     Set PubliclyAccessible to false and place the database in private
#     subnets with DBSubnetGroupName (DBClusterIdentifier members take it from
#     the cluster); connect from inside the VPC, through a VPN or a bastion.
package tollgate.aws.rds_publicly_accessible

import rego.v1

import data.tollgate.lib.aws.rds
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set PubliclyAccessible to false and place the database in private subnets with DBSubnetGroupName (DBClusterIdentifier members take it from the cluster); connect from inside the VPC, through a VPN or a bastion.",
	"terraform": "Set publicly_accessible = false (or remove it) and place the database in private subnets with db_subnet_group_name; connect from inside the VPC, through a VPN or a bastion.",
}

deny contains f if {
	some db in rds.instances
	core.is_true(view.value_or(db, "publicly_accessible", false))
	f := view.finding(db, "publicly_accessible", sprintf("%s is publicly accessible (%s is true)", [db.type, view.spelled(db, "publicly_accessible")]), fix)
}
