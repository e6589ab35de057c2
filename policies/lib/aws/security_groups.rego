# METADATA
# description: >-
#   Security group ingress rules as one view (see lib/view.rego), whether
#   written inside the group or as resources of their own.
package tollgate.lib.aws.security_groups

import rego.v1

import data.tollgate.lib.view

# ingress returns every ingress rule as {"resource": the resource that
# writes it (its view without settings), "cidrs": the source ranges as
# fields, "protocol", "from_port", "to_port"}.
ingress contains rule if {
	some sg in view.resources({"cloudformation": {"type": "AWS::EC2::SecurityGroup", "fields": {"ingress": ["SecurityGroupIngress"]}}})
	rules := view.value(sg, "ingress")
	is_array(rules)
	some j, r in rules
	is_object(r)
	rule := _cfn_rule(sg, ["SecurityGroupIngress", j], r)
}

ingress contains rule if {
	some r in view.by_type["AWS::EC2::SecurityGroupIngress"]
	rule := _cfn_rule(r, [], r.values)
}

ingress contains rule if {
	some sg in view.resources({"terraform": {"type": "aws_security_group", "fields": {"ingress": ["ingress"]}}})
	rules := view.value(sg, "ingress")
	is_array(rules)
	some j, r in rules
	is_object(r)
	rule := _tf_rule(sg, ["ingress", j], r)
}

ingress contains rule if {
	some r in view.by_type["aws_security_group_rule"]
	view.get(r.values, ["type"]) == "ingress"
	rule := _tf_rule(r, [], r.values)
}

ingress contains rule if {
	some r in view.by_type["aws_vpc_security_group_ingress_rule"]
	rule := {
		"resource": _resource(r),
		"cidrs": [view.field(r, [attr]) | some attr in ["cidr_ipv4", "cidr_ipv6"]],
		"protocol": view.get(r.values, ["ip_protocol"]),
		"from_port": view.get(r.values, ["from_port"]),
		"to_port": view.get(r.values, ["to_port"]),
	}
}

# A CloudFormation rule has one IPv4 and one IPv6 range at most.
_cfn_rule(v, p, r) := {
	"resource": _resource(v),
	"cidrs": [view.field(v, array.concat(p, [attr])) | some attr in ["CidrIp", "CidrIpv6"]],
	"protocol": object.get(r, "IpProtocol", null),
	"from_port": object.get(r, "FromPort", null),
	"to_port": object.get(r, "ToPort", null),
}

# A Terraform rule lists its ranges.
_tf_rule(v, p, r) := {
	"resource": _resource(v),
	"cidrs": [view.field(v, array.concat(p, [attr, k])) |
		some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
		cidrs := object.get(r, attr, [])
		is_array(cidrs)
		some k, _ in cidrs
	],
	"protocol": object.get(r, "protocol", null),
	"from_port": object.get(r, "from_port", null),
	"to_port": object.get(r, "to_port", null),
}

_resource(v) := object.remove(v, ["values", "fields", "paths"])
