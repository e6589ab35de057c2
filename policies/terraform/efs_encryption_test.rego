package tollgate.terraform.efs_encryption_test

import rego.v1

import data.tollgate.terraform.efs_encryption as rule

doc(values) := {"resources": [{"address": "aws_efs_file_system.main", "mode": "managed", "type": "aws_efs_file_system", "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

key := {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}

test_missing if {
	rule.deny == {{"resource": "aws_efs_file_system.main", "path": ["resources", 0, "values", "encrypted"], "message": "file system is not encrypted at rest (encrypted is not true)"}} with input as doc({"creation_token": "shared"})
}

test_false_and_plan_null if {
	count(rule.deny) == 1 with input as doc({"encrypted": false})
	count(rule.deny) == 1 with input as doc({"encrypted": null})
}

test_encrypted_or_unknown if {
	count(rule.deny) == 0 with input as doc({"encrypted": true, "kms_key_id": key})
	count(rule.deny) == 0 with input as doc({"encrypted": unknown})
}
