# Load balancer access logs, part of the load balancer view (elb.rego holds
# the package's annotations).
package tollgate.lib.aws.elb

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.view

# access_logs lists each load balancer that can write access logs with the
# switch that turns them on, as {"view", "field", "default"}: for ELBv2
# (application and network load balancers; gateway load balancers have no
# access logs) the access_logs.s3.enabled attribute, off by default; for
# Classic Load Balancers the access logging policy's Enabled, which is
# required in CloudFormation and defaults to true in Terraform's block.
# A field whose value is unknown may be on.
access_logs contains {"view": lb, "field": _v2_switch(lb), "default": false} if {
	some lb in view.resources({
		"cloudformation": {"type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "fields": {"type": ["Type"]}},
		"terraform": {"type": ["aws_lb", "aws_alb"], "fields": {"type": ["load_balancer_type"]}},
	})
	not view.value_or(lb, "type", "application") == "gateway"
	not _nothing_to_log(lb)
}

# A network load balancer logs only its TLS connections: AWS writes no
# access log for one without a TLS listener. When the listeners in this
# document that attach to it are all known TCP or UDP ones, there is
# nothing to log. A listener without a known protocol, or none found,
# leaves the switch required.
_nothing_to_log(lb) if {
	view.value_or(lb, "type", "application") == "network"
	protocols := [p |
		some l in listeners
		_attaches(l, lb)
		p := view.value_or(l, "protocol", "")
	]
	count(protocols) > 0
	every p in protocols {
		p in {"TCP", "UDP", "TCP_UDP"}
	}
}

_attaches(l, lb) if {
	lb.family == "cloudformation"
	cfn.refers_to(view.value(l, "load_balancer"), lb.resource)
}

_attaches(l, lb) if {
	lb.family == "terraform"
	x := view.value(l, "load_balancer")
	core.is_unknown(x)
	tf_encryption.ref_names(x.ref, lb.resource)
}

access_logs contains {"view": lb, "field": _classic_switch(lb), "default": _classic_default[lb.family]} if {
	some lb in view.resources({
		"cloudformation": {"type": "AWS::ElasticLoadBalancing::LoadBalancer"},
		"terraform": {"type": "aws_elb"},
	})
}

_classic_default := {"cloudformation": false, "terraform": true}

# A CloudFormation ELBv2 load balancer keeps the switch in its list of
# attributes: the entry's Value when it is there, else the list (or an
# unknown when the list or one of its entries is).
_v2_switch(lb) := view.field(lb, ["LoadBalancerAttributes", i, "Value"]) if {
	lb.family == "cloudformation"
	some i, a in _attributes(lb)
	is_object(a)
	a.Key == "access_logs.s3.enabled"
} else := {"value": {"__unknown__": true}, "path": array.concat(lb.base, ["LoadBalancerAttributes"]), "name": "LoadBalancerAttributes"} if {
	lb.family == "cloudformation"
	some a in _attributes(lb)
	_unknown_entry(a)
} else := view.field(lb, ["LoadBalancerAttributes"]) if {
	lb.family == "cloudformation"
	core.is_unknown(view.get(lb.values, ["LoadBalancerAttributes"]))
} else := {"value": null, "path": array.concat(lb.base, ["LoadBalancerAttributes"]), "name": "LoadBalancerAttributes access_logs.s3.enabled"} if {
	lb.family == "cloudformation"
} else := view.field(lb, ["access_logs", 0, "enabled"])

_attributes(lb) := a if {
	a := view.get(lb.values, ["LoadBalancerAttributes"])
	is_array(a)
} else := []

_unknown_entry(a) if core.is_unknown(a)

_unknown_entry(a) if core.is_unknown(object.get(a, "Key", null))

_classic_switch(lb) := view.field(lb, ["AccessLoggingPolicy", "Enabled"]) if {
	lb.family == "cloudformation"
	view.get(lb.values, ["AccessLoggingPolicy"]) != null
} else := {"value": null, "path": array.concat(lb.base, ["AccessLoggingPolicy"]), "name": "AccessLoggingPolicy.Enabled"} if {
	lb.family == "cloudformation"
} else := view.field(lb, ["access_logs", 0, "enabled"]) if {
	count(view.or_else(view.get(lb.values, ["access_logs"]), [])) > 0
} else := {"value": false, "path": array.concat(lb.base, ["access_logs"]), "name": "access_logs.enabled"}
