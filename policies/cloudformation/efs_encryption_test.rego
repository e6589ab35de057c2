package tollgate.cloudformation.efs_encryption_test

import rego.v1

import data.tollgate.cloudformation.efs_encryption as rule

fs(props) := {"Resources": {"Shared": {"Type": "AWS::EFS::FileSystem", "Properties": props}}}

test_unencrypted if {
	rule.deny == {{
		"resource": "Shared",
		"path": ["Resources", "Shared", "Properties", "Encrypted"],
		"message": "file system is not encrypted at rest (Encrypted is not true)",
	}} with input as fs({"PerformanceMode": "generalPurpose"})
	count(rule.deny) == 1 with input as fs({"Encrypted": "false"})
}

test_encrypted_or_unknown if {
	count(rule.deny) == 0 with input as fs({"Encrypted": true})
	count(rule.deny) == 0 with input as fs({"Encrypted": {"__unknown__": true, "expr": "Ref Encrypt", "ref": "Encrypt"}})
}
