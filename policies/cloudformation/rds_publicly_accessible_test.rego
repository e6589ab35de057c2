package tollgate.cloudformation.rds_publicly_accessible_test

import rego.v1

import data.tollgate.cloudformation.rds_publicly_accessible as rule

db(type, props) := {"Resources": {"OrdersDb": {"Type": type, "Properties": props}}}

placed := {"Engine": "postgres", "DBSubnetGroupName": {"__unknown__": true, "expr": "Ref DbSubnets", "ref": "DbSubnets"}}

test_publicly_accessible_true if {
	rule.deny == {{
		"resource": "OrdersDb",
		"path": ["Resources", "OrdersDb", "Properties", "PubliclyAccessible"],
		"message": "AWS::RDS::DBInstance is publicly accessible (PubliclyAccessible is true)",
	}} with input as db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": true}))
	count(rule.deny) == 1 with input as db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": "true"}))
	count(rule.deny) == 1 with input as db("AWS::RDS::DBCluster", {"Engine": "postgres", "PubliclyAccessible": true})
}

test_private if {
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": false}))
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": "false"}))
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", placed)
	count(rule.deny) == 0 with input as db("AWS::RDS::DBCluster", {"Engine": "aurora-postgresql"})
}

test_unknown if {
	u := {"__unknown__": true, "expr": "Ref Public", "ref": "Public"}
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", object.union(placed, {"PubliclyAccessible": u}))
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"Engine": "mysql", "PubliclyAccessible": u})
}

test_property_left_out if {
	# RDS decides from the network; not reported without an explicit true.
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"Engine": "mysql", "DBInstanceClass": "db.t4g.micro"})
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"Engine": "aurora-mysql", "DBClusterIdentifier": "orders"})
}
