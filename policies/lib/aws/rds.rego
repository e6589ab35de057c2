# METADATA
# description: RDS, Aurora, DocumentDB and Neptune databases as one view (see lib/view.rego).
package tollgate.lib.aws.rds

import rego.v1

import data.tollgate.lib.view

# instances: the resources that have a network endpoint of their own
# setting (CloudFormation clusters carry PubliclyAccessible too).
instances := view.resources({
	"cloudformation": {"type": ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"], "fields": {
		"publicly_accessible": ["PubliclyAccessible"],
	}},
	"terraform": {"type": ["aws_db_instance", "aws_rds_cluster_instance", "aws_neptune_cluster_instance"], "fields": {
		"publicly_accessible": ["publicly_accessible"],
	}},
})
