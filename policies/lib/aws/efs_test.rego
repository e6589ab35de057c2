package tollgate.lib.aws.efs_test

import rego.v1

import data.tollgate.lib.aws.efs
import data.tollgate.lib.view

test_cloudformation if {
	fs := efs.file_systems.F with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"F": {"Type": "AWS::EFS::FileSystem", "Properties": {"Encrypted": "true"}}}}
	view.value(fs, "encrypted") == "true"
	_encrypted := view.field_of(fs, "encrypted")
	_encrypted.path == ["Resources", "F", "Properties", "Encrypted"]
}

test_terraform if {
	fs := efs.file_systems[0] with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_efs_file_system.f", "mode": "managed", "type": "aws_efs_file_system", "values": {"encrypted": false}}]}
	view.value(fs, "encrypted") == false
	_encrypted := view.field_of(fs, "encrypted")
	_encrypted.path == ["resources", 0, "values", "encrypted"]
}
