# METADATA
# description: VPCs and their flow logs as one view (see lib/view.rego).
package tollgate.lib.aws.vpc

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.view

# vpcs: the VPCs a template or configuration creates (Terraform's default
# VPC too).
vpcs := view.resources({
	"cloudformation": {"type": "AWS::EC2::VPC"},
	"terraform": {"type": ["aws_vpc", "aws_default_vpc"]},
})

# flow_logged holds when a flow log of the document covers the VPC, or may:
# one whose target cannot be resolved to another VPC of the document.
flow_logged(v) if {
	v.family == "cloudformation"
	some fl in _cfn_flow_logs
	_vpc_type(view.get(fl.values, ["ResourceType"]))
	_covers(view.get(fl.values, ["ResourceId"]), v.resource)
}

flow_logged(v) if {
	v.type == "aws_vpc"
	tf_encryption.configured_in(_tf_flow_log_index, view.raw(v), "id")
}

flow_logged(v) if {
	v.type == "aws_default_vpc"
	some fl in _tf_flow_logs
	tf_encryption.names(view.get(fl.values, ["vpc_id"]), view.raw(v), "id")
}

# An unresolved vpc_id may be the default VPC's, unless it names a VPC the
# configuration creates.
flow_logged(v) if {
	v.type == "aws_default_vpc"
	some fl in _tf_flow_logs
	x := view.get(fl.values, ["vpc_id"])
	tf_encryption.may_name_any(x, v.type)
	not tf_encryption.references_type(x, "aws_vpc")
}

_cfn_flow_logs := view.of_type("AWS::EC2::FlowLog")

_tf_flow_logs := view.of_type("aws_flow_log")

# ResourceType is required; an unset or unknown one may be VPC.
_vpc_type(t) if t == "VPC"

_vpc_type(null)

_vpc_type(t) if core.is_unknown(t)

_covers(id, name) if cfn.refers_to(id, name)

# An id that is not a reference to a VPC of this template (a parameter, an
# import, a subnet's VpcId attribute) may be any VPC's.
_covers(id, _) if {
	core.is_unknown(id)
	not object.get(id, "ref", "") in object.keys(cfn.resources("AWS::EC2::VPC"))
}

_tf_flow_log_index := tf_encryption.setting_index("aws_flow_log", "vpc_id", "aws_vpc")
