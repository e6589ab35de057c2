package tollgate.aws.transfer_server_no_ftp_test

import rego.v1

import data.tollgate.aws.transfer_server_no_ftp

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::Transfer::Server", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_transfer_server", "address": "aws_transfer_server.r", "values": values}]}

test_ftp_reported if {
	fs := transfer_server_no_ftp.deny with input as cfn({"Protocols": ["SFTP", "FTP"]})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "Protocols", 1]}
}

test_default_passes if {
	count(transfer_server_no_ftp.deny) == 0 with input as cfn({})
}

test_ftps_passes if {
	count(transfer_server_no_ftp.deny) == 0 with input as tf("terraform", {"protocols": ["FTPS", "SFTP"]})
}

test_tf_ftp_reported if {
	fs := transfer_server_no_ftp.deny with input as tf("terraform-plan", {"protocols": ["ftp"]})
	{f.path | some f in fs} == {["resources", 0, "values", "protocols", 0]}
}

test_unknown_passes if {
	count(transfer_server_no_ftp.deny) == 0 with input as tf("terraform", {"protocols": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}})
}

