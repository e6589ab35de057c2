package tollgate.terraform.rds_publicly_accessible_test

import rego.v1

import data.tollgate.terraform.rds_publicly_accessible as rule

db(type, values) := {"resources": [{"address": concat(".", [type, "orders"]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

test_publicly_accessible if {
	rule.deny == {{
		"resource": "aws_db_instance.orders",
		"path": ["resources", 0, "values", "publicly_accessible"],
		"message": "aws_db_instance is publicly accessible (publicly_accessible is true)",
	}} with input as db("aws_db_instance", {"engine": "postgres", "publicly_accessible": true})
	every t in rule.types {
		count(rule.deny) == 1 with input as db(t, {"publicly_accessible": true})
		count(rule.deny) == 1 with input as db(t, {"publicly_accessible": "true"})
	}
}

test_private if {
	every t in rule.types {
		count(rule.deny) == 0 with input as db(t, {"publicly_accessible": false})
		count(rule.deny) == 0 with input as db(t, {"engine": "postgres"})
		count(rule.deny) == 0 with input as db(t, {"publicly_accessible": null})
	}
}

test_unknown if {
	count(rule.deny) == 0 with input as db("aws_db_instance", {"publicly_accessible": {"__unknown__": true, "expr": "var.public"}})
}

test_data_source_ignored if {
	d := {"address": "data.aws_db_instance.orders", "mode": "data", "type": "aws_db_instance", "values": {"publicly_accessible": true}}
	count(rule.deny) == 0 with input as {"resources": [d]}
}
