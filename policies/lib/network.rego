# METADATA
# description: >-
#   Helpers for network exposure rules: CIDRs that cover the whole internet,
#   IP protocols as security groups spell them, and the administrative and
#   database ports that must not be reachable from anywhere.
package tollgate.lib.network

import rego.v1

# sensitive_ports are the ports whose services are attacked as soon as they
# are reachable: remote administration and databases. Each entry lists the
# transport protocols the service listens on.
sensitive_ports := {
	22: {"name": "SSH", "protocols": {"tcp"}},
	3389: {"name": "RDP", "protocols": {"tcp", "udp"}},
	3306: {"name": "MySQL", "protocols": {"tcp"}},
	5432: {"name": "PostgreSQL", "protocols": {"tcp"}},
	1433: {"name": "SQL Server", "protocols": {"tcp"}},
	1521: {"name": "Oracle", "protocols": {"tcp"}},
	6379: {"name": "Redis", "protocols": {"tcp"}},
	27017: {"name": "MongoDB", "protocols": {"tcp"}},
	9200: {"name": "Elasticsearch", "protocols": {"tcp"}},
}

# open_cidr holds for a literal CIDR whose prefix length is 0: it covers
# every address (0.0.0.0/0, ::/0 and their other spellings).
open_cidr(x) if {
	is_string(x)
	regex.match(`^[0-9A-Fa-f:.]+/0+$`, trim_space(x))
}

# protocol returns an IP protocol as a lower-case name: "tcp", "udp", "all"
# for every protocol (-1), or the number as a string for the others.
# Templates write it as a name, a number or a numeric string.
protocol(p) := normalised_protocol(lower(trim_space(p))) if is_string(p)

protocol(p) := normalised_protocol(format_int(p, 10)) if is_number(p)

normalised_protocol(p) := object.get({"-1": "all", "6": "tcp", "17": "udp"}, p, p)

# port returns a port as a number (templates also write numeric strings).
port(x) := x if is_number(x)

port(x) := to_number(trim_space(x)) if {
	is_string(x)
	regex.match(`^\s*-?[0-9]+\s*$`, x)
}

# exposure describes what an ingress permission for protocol p and ports
# from..to opens to its sources, when that includes a sensitive port: every
# protocol and port, or the sensitive ports inside the range. Undefined when
# the protocol or a port is unknown (it may be anything: never guess).
exposure(p, _, _) := "all protocols and ports" if protocol(p) == "all"

exposure(p, from, to) := sprintf("%s %s (%s)", [proto, port_range(lo, hi), concat(", ", names)]) if {
	proto := protocol(p)
	proto in {"tcp", "udp"}
	lo := port(from)
	hi := port(to)
	names := sorted_names(proto, lo, hi)
	count(names) > 0
}

sorted_names(proto, lo, hi) := [sprintf("%s %d", [s.name, n]) |
	some n in sort(object.keys(sensitive_ports))
	s := sensitive_ports[n]
	proto in s.protocols
	lo <= n
	n <= hi
]

port_range(lo, hi) := sprintf("port %d", [lo]) if lo == hi

port_range(lo, hi) := sprintf("ports %d-%d", [lo, hi]) if lo != hi
