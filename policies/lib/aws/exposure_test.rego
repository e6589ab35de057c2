package tollgate.lib.aws.exposure_test

import rego.v1

import data.tollgate.lib.aws.exposure

test_nacl_exposure if {
	exposure.nacl_exposure(-1, null, null) == "all protocols and ports"
	exposure.nacl_exposure("all", null, null) == "all protocols and ports"
	exposure.nacl_exposure(6, 0, 65535) == "tcp ports 0-65535 (SSH 22, RDP 3389)"
	exposure.nacl_exposure("udp", 3389, 3389) == "udp port 3389 (RDP 3389)"
	not exposure.nacl_exposure("udp", 22, 22)
	not exposure.nacl_exposure(6, 1024, 65535)
	exposure.nacl_exposure(6, 1000, 65535) == "tcp ports 1000-65535 (RDP 3389)"
	not exposure.nacl_exposure(6, {"__unknown__": true}, 65535)
	not exposure.nacl_exposure(1, -1, -1)
}
