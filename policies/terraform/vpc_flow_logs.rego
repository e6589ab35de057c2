# METADATA
# title: VPCs have flow logs
# description: >-
#   Without flow logs there is no record of the traffic that reached, left
#   or was rejected in a VPC, which incident response and anomaly detection
#   depend on. Every aws_vpc, and the default VPC when the configuration
#   manages it (aws_default_vpc), needs an aws_flow_log whose vpc_id refers
#   to it (by reference, or by its literal id in a plan). A flow log whose vpc_id
#   cannot be resolved to an aws_vpc of the configuration (a variable, a
#   data source, a subnet's vpc_id) may be for any VPC, so then no VPC is
#   reported.
# custom:
#   id: aws-vpc-flow-logs
#   severity: medium
#   theme: logging
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_vpc", "aws_default_vpc", "aws_flow_log"]
#   remediation: >-
#     Add an aws_flow_log with vpc_id = aws_vpc.<name>.id, traffic_type =
#     "ALL" and a log_destination (S3 bucket or CloudWatch Logs group ARN).
package tollgate.terraform.vpc_flow_logs

import rego.v1

import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption

deny contains f if {
	some i, r in tf.resources("aws_vpc")
	not tf_encryption.configured(r, "aws_flow_log", "vpc_id", "id")
	f := tf.resource_finding(i, "VPC has no flow log (no aws_flow_log has a vpc_id that refers to it)")
}

deny contains f if {
	some i, r in tf.resources("aws_default_vpc")
	not default_vpc_logged(r)
	f := tf.resource_finding(i, "default VPC has no flow log (no aws_flow_log has a vpc_id that refers to it)")
}

default_vpc_logged(r) if {
	some s in tf.resources("aws_flow_log")
	tf_encryption.names(tf.value(s, ["vpc_id"], null), r, "id")
}

# An unresolved vpc_id may be the default VPC's, unless it names a VPC the
# configuration creates.
default_vpc_logged(r) if {
	some s in tf.resources("aws_flow_log")
	x := tf.value(s, ["vpc_id"], null)
	tf_encryption.may_name_any(x, r.type)
	not tf_encryption.references_type(x, "aws_vpc")
}
