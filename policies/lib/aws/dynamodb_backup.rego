# DynamoDB point-in-time recovery, part of the DynamoDB view (dynamodb.rego
# holds the package's annotations).
package tollgate.lib.aws.dynamodb

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# recoveries lists every table copy that has a point-in-time recovery
# switch of its own, as {"view", "field"}: a table (its field
# "point_in_time_recovery"), and each replica of a CloudFormation global
# table or of a Terraform table's replica blocks (a field the view
# computes). Recovery is off unless the switch is true.
recoveries contains {"view": t, "field": view.field_of(t, "point_in_time_recovery")} if {
	some t in view.resources({
		"cloudformation": {"type": "AWS::DynamoDB::Table", "fields": {"point_in_time_recovery": ["PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"]}},
		"terraform": {"type": "aws_dynamodb_table", "fields": {"point_in_time_recovery": ["point_in_time_recovery", 0, "enabled"]}},
	})
}

recoveries contains {"view": t, "field": view.field(t, array.concat([_replicas[t.family], i], _replica_switch[t.family]))} if {
	some t in view.resources({
		"cloudformation": {"type": "AWS::DynamoDB::GlobalTable"},
		"terraform": {"type": "aws_dynamodb_table"},
	})
	replicas := view.get(t.values, [_replicas[t.family]])
	is_array(replicas)
	some i, r in replicas
	is_object(r)
	not core.is_unknown(r)
}

_replicas := {"cloudformation": "Replicas", "terraform": "replica"}

_replica_switch := {
	"cloudformation": ["PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"],
	"terraform": ["point_in_time_recovery"],
}
