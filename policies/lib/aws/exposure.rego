# METADATA
# description: >-
#   Network exposure as one view (see lib/view.rego): network ACL entries,
#   public IP addresses of instances and launch templates, subnets that
#   hand them out, and the managed services that take a public endpoint
#   from a setting of their own.
package tollgate.lib.aws.exposure

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.network
import data.tollgate.lib.view

# --- network ACLs ---------------------------------------------------------------

# nacl_ingress are the inbound allow entries of network ACLs as
# {"resource", "cidrs": the source ranges as fields, "protocol",
# "from_port", "to_port"}: AWS::EC2::NetworkAclEntry, aws_network_acl_rule
# and the ingress blocks of aws_network_acl and aws_default_network_acl.
# Egress entries and deny entries are left out; an entry whose direction
# or action is unknown may be either.
nacl_ingress contains e if {
	some v in view.by_type["AWS::EC2::NetworkAclEntry"]
	not core.is_true(view.get(v.values, ["Egress"]))
	_allow(view.get(v.values, ["RuleAction"]))
	e := {
		"resource": _resource(v),
		"cidrs": [view.field(v, [a]) | some a in ["CidrBlock", "Ipv6CidrBlock"]],
		"protocol": view.get(v.values, ["Protocol"]),
		"from_port": view.get(v.values, ["PortRange", "From"]),
		"to_port": view.get(v.values, ["PortRange", "To"]),
	}
}

nacl_ingress contains e if {
	some v in view.by_type.aws_network_acl_rule
	not core.is_true(view.get(v.values, ["egress"]))
	_allow(view.get(v.values, ["rule_action"]))
	e := {
		"resource": _resource(v),
		"cidrs": [view.field(v, [a]) | some a in ["cidr_block", "ipv6_cidr_block"]],
		"protocol": view.get(v.values, ["protocol"]),
		"from_port": view.get(v.values, ["from_port"]),
		"to_port": view.get(v.values, ["to_port"]),
	}
}

nacl_ingress contains e if {
	some type in ["aws_network_acl", "aws_default_network_acl"]
	some v in view.by_type[type]
	blocks := view.get(v.values, ["ingress"])
	is_array(blocks)
	some j, b in blocks
	is_object(b)
	_allow(object.get(b, "action", null))
	e := {
		"resource": _resource(v),
		"cidrs": [view.field(v, ["ingress", j, a]) | some a in ["cidr_block", "ipv6_cidr_block"]],
		"protocol": object.get(b, "protocol", null),
		"from_port": object.get(b, "from_port", null),
		"to_port": object.get(b, "to_port", null),
	}
}

# Both formats spell the action in lower case; IAM-style capitals are
# accepted too.
_allow(a) if {
	is_string(a)
	lower(a) == "allow"
}

admin_ports := {22: {"name": "SSH", "protocols": {"tcp"}}, 3389: {"name": "RDP", "protocols": {"tcp", "udp"}}}

# nacl_exposure says what an entry opens when that includes every protocol
# or an administrative port (SSH 22, RDP 3389); undefined when protocol
# or ports are unknown. NACLs spell protocols as numbers (6, 17, -1) or,
# in Terraform, also as names ("tcp", "all").
nacl_exposure(p, _, _) := "all protocols and ports" if network.protocol(p) == "all"

nacl_exposure(p, from, to) := sprintf("%s %s (%s)", [proto, network.port_range(lo, hi), concat(", ", names)]) if {
	proto := network.protocol(p)
	proto in {"tcp", "udp"}
	lo := network.port(from)
	hi := network.port(to)
	not _return_traffic(lo, hi)
	names := [sprintf("%s %d", [s.name, n]) |
		some n in [22, 3389]
		s := admin_ports[n]
		proto in s.protocols
		lo <= n
		n <= hi
	]
	count(names) > 0
}

# _return_traffic holds for the ephemeral port range a stateless NACL must
# open for the replies to outbound connections (1024-65535, 32768-65535,
# 49152-65535): it covers 3389, but is not an RDP rule.
_return_traffic(lo, hi) if {
	lo >= 1024
	hi == 65535
}

# --- public IP addresses ------------------------------------------------------------

# public_ip_settings are the settings that give an instance a public IPv4
# address at launch, as {"resource", "field"}: AssociatePublicIpAddress of
# an instance's or launch template's network interfaces and of a launch
# configuration; associate_public_ip_address in Terraform.
public_ip_settings contains {"resource": _resource(v), "field": view.field(v, array.concat(p, ["AssociatePublicIpAddress"]))} if {
	some type, prefix in {
		"AWS::EC2::Instance": ["NetworkInterfaces"],
		"AWS::EC2::LaunchTemplate": ["LaunchTemplateData", "NetworkInterfaces"],
	}
	some v in view.by_type[type]
	nis := view.get(v.values, prefix)
	is_array(nis)
	some j, ni in nis
	is_object(ni)
	p := array.concat(prefix, [j])
}

public_ip_settings contains {"resource": _resource(v), "field": view.field(v, ["AssociatePublicIpAddress"])} if {
	some v in view.by_type["AWS::AutoScaling::LaunchConfiguration"]
}

public_ip_settings contains {"resource": _resource(v), "field": view.field(v, ["associate_public_ip_address"])} if {
	some type in ["aws_instance", "aws_spot_instance_request", "aws_launch_configuration"]
	some v in view.by_type[type]
}

public_ip_settings contains {"resource": _resource(v), "field": view.field(v, ["network_interfaces", j, "associate_public_ip_address"])} if {
	some v in view.by_type.aws_launch_template
	nis := view.get(v.values, ["network_interfaces"])
	is_array(nis)
	some j, ni in nis
	is_object(ni)
}

# --- subnets ---------------------------------------------------------------------

subnets := view.resources({
	"cloudformation": {"type": "AWS::EC2::Subnet", "fields": {"map_public_ip": ["MapPublicIpOnLaunch"]}},
	"terraform": {"type": ["aws_subnet", "aws_default_subnet"], "fields": {"map_public_ip": ["map_public_ip_on_launch"]}},
})

# --- managed services with a public endpoint setting ---------------------------------

# public_services are the managed service resources whose own setting
# decides whether they get a public endpoint, each with its field
# "public": Redshift clusters and Serverless workgroups, Amazon MQ
# brokers, DMS replication instances (PubliclyAccessible) and MSK clusters
# (public access type).
public_services := object.union(view.resources({
	"cloudformation": {"type": ["AWS::Redshift::Cluster", "AWS::RedshiftServerless::Workgroup", "AWS::AmazonMQ::Broker", "AWS::DMS::ReplicationInstance"], "fields": {"public": ["PubliclyAccessible"]}},
	"terraform": {"type": ["aws_redshift_cluster", "aws_redshiftserverless_workgroup", "aws_mq_broker", "aws_dms_replication_instance"], "fields": {"public": ["publicly_accessible"]}},
}), view.resources({
	"cloudformation": {"type": "AWS::MSK::Cluster", "fields": {"public": ["BrokerNodeGroupInfo", "ConnectivityInfo", "PublicAccess", "Type"]}},
	"terraform": {"type": "aws_msk_cluster", "fields": {"public": ["broker_node_group_info", 0, "connectivity_info", 0, "public_access", 0, "type"]}},
}))

# publicly_accessible holds when service s is reachable from the internet:
# its setting is true (SERVICE_PROVIDED_EIPS for MSK), or it is missing
# where the service default is public (a CloudFormation DMS replication
# instance: PubliclyAccessible defaults to true).
publicly_accessible(s) if {
	not s.type in {"AWS::MSK::Cluster", "aws_msk_cluster"}
	core.is_true(view.value_or(s, "public", _default(s.type)))
}

publicly_accessible(s) if {
	s.type in {"AWS::MSK::Cluster", "aws_msk_cluster"}
	view.value(s, "public") == "SERVICE_PROVIDED_EIPS"
}

_default("AWS::DMS::ReplicationInstance") := true

_default(t) := false if t != "AWS::DMS::ReplicationInstance"

_resource(v) := object.remove(v, ["values", "fields", "paths"])
