# METADATA
# title: Databases are not publicly accessible
# description: >-
#   A publicly accessible RDS DB instance or Multi-AZ DB cluster gets a public
#   IP address and a DNS name that resolves to it from outside the VPC, so
#   only its security group stands between the database and the internet.
#   Reported when PubliclyAccessible is true on AWS::RDS::DBInstance or
#   AWS::RDS::DBCluster, and when a standalone (non-Aurora, not a replica)
#   DBInstance sets neither PubliclyAccessible nor DBSubnetGroupName: RDS then
#   creates it in the default VPC, public by default when that VPC has an
#   internet gateway (as default VPCs do). DocumentDB and Neptune have no
#   such property: they are reachable only from inside their VPC.
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

# Properties that place an instance in a VPC other than the default one, or
# make its network settings come from a cluster or a source database.
placed_by := {
	"DBSubnetGroupName", "DBClusterIdentifier", "SourceDBInstanceIdentifier",
	"SourceDBClusterIdentifier", "PubliclyAccessible",
}

deny contains f if {
	some name, r in cfn.resources("AWS::RDS::DBInstance")
	not placed(r)
	not aurora(r)
	f := cfn.finding(name, ["PubliclyAccessible"], "AWS::RDS::DBInstance sets neither PubliclyAccessible nor DBSubnetGroupName: RDS makes it public in the default VPC")
}

placed(r) if {
	some p in placed_by
	cfn.has_prop(r, [p])
}

aurora(r) if {
	engine := cfn.prop(r, ["Engine"], "")
	is_string(engine)
	startswith(lower(engine), "aurora")
}
