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
#   formats: [cloudformation]
#   resource_types: ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
#   remediation: >-
#     Set PubliclyAccessible to false and place the database in private
#     subnets with DBSubnetGroupName (DBClusterIdentifier members take it from
#     the cluster); connect from inside the VPC, through a VPN or a bastion.
package tollgate.cloudformation.rds_publicly_accessible

import rego.v1

import data.tollgate.lib.cfn

deny contains f if {
	some name, r in cfn.resources_in({"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"})
	cfn.is_true(cfn.prop(r, ["PubliclyAccessible"], false))
	f := cfn.finding(name, ["PubliclyAccessible"], sprintf("%s is publicly accessible (PubliclyAccessible is true)", [r.Type]))
}
