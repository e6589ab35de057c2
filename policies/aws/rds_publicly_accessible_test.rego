package tollgate.aws.rds_publicly_accessible_test

import rego.v1

import data.tollgate.aws.rds_publicly_accessible as rule

# CloudFormation (and CDK)

cfn_db(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"OrdersDb": {"Type": type, "Properties": props}}}

placed := {"Engine": "postgres", "DBSubnetGroupName": {"__unknown__": true, "expr": "Ref DbSubnets", "ref": "DbSubnets"}}

test_cloudformation_publicly_accessible_true if {
	rule.deny == {{
		"resource": "OrdersDb",
		"path": ["Resources", "OrdersDb", "Properties", "PubliclyAccessible"],
		"message": "AWS::RDS::DBInstance is publicly accessible (PubliclyAccessible is true)",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": true}))
	count(rule.deny) == 1 with input as cfn_db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": "true"}))
	count(rule.deny) == 1 with input as cfn_db("AWS::RDS::DBCluster", {"Engine": "postgres", "PubliclyAccessible": true})
}

test_cloudformation_private if {
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": false}))
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": "false"}))
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", placed)
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBCluster", {"Engine": "aurora-postgresql"})
}

test_cloudformation_unknown if {
	u := {"__unknown__": true, "expr": "Ref Public", "ref": "Public"}
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": u}))
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"Engine": "mysql", "PubliclyAccessible": u})
}

test_cloudformation_property_left_out if {
	# RDS decides from the network; not reported without an explicit true.
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"Engine": "mysql", "DBInstanceClass": "db.t4g.micro"})
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"Engine": "aurora-mysql", "DBClusterIdentifier": "orders"})
}

# Terraform

tf_db(type, values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": concat(".", [type, "orders"]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

test_terraform_publicly_accessible if {
	rule.deny == {{
		"resource": "aws_db_instance.orders",
		"path": ["resources", 0, "values", "publicly_accessible"],
		"message": "aws_db_instance is publicly accessible (publicly_accessible is true)",
		"remediation": rule.fix.terraform,
	}} with input as tf_db("aws_db_instance", {"engine": "postgres", "publicly_accessible": true})
	every t in ["aws_db_instance", "aws_rds_cluster_instance", "aws_neptune_cluster_instance"] {
		count(rule.deny) == 1 with input as tf_db(t, {"publicly_accessible": true})
		count(rule.deny) == 1 with input as tf_db(t, {"publicly_accessible": "true"})
	}
}

test_terraform_private if {
	every t in ["aws_db_instance", "aws_rds_cluster_instance", "aws_neptune_cluster_instance"] {
		count(rule.deny) == 0 with input as tf_db(t, {"publicly_accessible": false})
		count(rule.deny) == 0 with input as tf_db(t, {"engine": "postgres"})
		count(rule.deny) == 0 with input as tf_db(t, {"publicly_accessible": null})
	}
}

test_terraform_unknown if {
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"publicly_accessible": {"__unknown__": true, "expr": "var.public"}})
}

test_terraform_data_source_ignored if {
	d := {"address": "data.aws_db_instance.orders", "mode": "data", "type": "aws_db_instance", "values": {"publicly_accessible": true}}
	count(rule.deny) == 0 with input as {"tollgate": {"format": "terraform"}, "resources": [d]}
}
