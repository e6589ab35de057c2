package tollgate.lib.network_test

import rego.v1

import data.tollgate.lib.network

test_open_cidr if {
	every c in ["0.0.0.0/0", "::/0", " 0.0.0.0/0 ", "::0/0", "0:0:0:0:0:0:0:0/0"] {
		network.open_cidr(c)
	}
	every c in ["10.0.0.0/8", "0.0.0.0/1", "::/1", "203.0.113.10/32", "2001:db8::/32", ""] {
		not network.open_cidr(c)
	}
	not network.open_cidr({"__unknown__": true, "expr": "Ref AllowedCidr"})
}

test_protocol_spellings if {
	network.protocol("TCP") == "tcp"
	network.protocol("6") == "tcp"
	network.protocol(6) == "tcp"
	network.protocol(17) == "udp"
	network.protocol(-1) == "all"
	network.protocol("-1") == "all"
	network.protocol("all") == "all"
	network.protocol("icmp") == "icmp"
}

test_exposure if {
	network.exposure("-1", 0, 0) == "all protocols and ports"
	network.exposure("tcp", 22, 22) == "tcp port 22 (SSH 22)"
	network.exposure("tcp", "5000", "6000") == "tcp ports 5000-6000 (PostgreSQL 5432)"
	network.exposure("udp", 3000, 4000) == "udp ports 3000-4000 (RDP 3389)"
}

test_no_exposure if {
	not network.exposure("tcp", 443, 443)
	not network.exposure("tcp", 80, 80)
	not network.exposure("tcp", 1024, 1432)
	not network.exposure("udp", 22, 22)
	not network.exposure("icmp", -1, -1)
	not network.exposure("tcp", {"__unknown__": true, "expr": "Ref Port"}, 22)
	not network.exposure({"__unknown__": true, "expr": "var.protocol"}, 22, 22)
}
