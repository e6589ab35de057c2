package tollgate.terraform.rds_storage_encryption_cmk_test

import rego.v1

import data.tollgate.terraform.rds_storage_encryption_cmk as rule

db(type, values) := {"resources": [{"address": sprintf("%s.orders", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

test_encrypted_without_key if {
	rule.deny == {{
		"resource": "aws_rds_cluster.orders",
		"path": ["resources", 0, "values", "kms_key_id"],
		"message": "aws_rds_cluster storage is encrypted with the AWS-managed key rather than a customer-managed KMS key",
	}} with input as db("aws_rds_cluster", {"storage_encrypted": true})
}

test_aws_managed_alias if {
	count(rule.deny) == 1 with input as db("aws_db_instance", {"storage_encrypted": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds"})
	count(rule.deny) == 1 with input as db("aws_db_instance", {"storage_encrypted": true, "kms_key_id": null})
}

test_customer_key if {
	count(rule.deny) == 0 with input as db("aws_db_instance", {"storage_encrypted": true, "kms_key_id": {"__unknown__": true, "expr": "aws_kms_key.db.arn", "ref": "aws_kms_key.db", "attribute": "arn"}})
	count(rule.deny) == 0 with input as db("aws_docdb_cluster", {"storage_encrypted": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

test_unencrypted_or_unknown_left_to_other_rule if {
	count(rule.deny) == 0 with input as db("aws_db_instance", {"storage_encrypted": false})
	count(rule.deny) == 0 with input as db("aws_db_instance", {"storage_encrypted": {"__unknown__": true, "expr": "var.enc"}})
}

test_inherited_not_reported if {
	count(rule.deny) == 0 with input as db("aws_db_instance", {"storage_encrypted": true, "replicate_source_db": "orders"})
}

test_neptune_key_argument if {
	count(rule.deny) == 0 with input as db("aws_neptune_cluster", {"storage_encrypted": true, "kms_key_arn": {"__unknown__": true, "expr": "var.key"}})
	rule.deny == {{
		"resource": "aws_neptune_cluster.orders",
		"path": ["resources", 0, "values", "kms_key_arn"],
		"message": "aws_neptune_cluster storage is encrypted with the AWS-managed key rather than a customer-managed KMS key",
	}} with input as db("aws_neptune_cluster", {"storage_encrypted": true, "kms_key_id": "ignored"})
}
