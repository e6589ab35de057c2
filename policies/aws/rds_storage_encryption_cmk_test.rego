package tollgate.aws.rds_storage_encryption_cmk_test

import rego.v1

import data.tollgate.aws.rds_storage_encryption_cmk as rule

# CloudFormation (and CDK)

cfn_db(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"OrdersDb": {"Type": type, "Properties": props}}}

key := {"__unknown__": true, "expr": "Fn::GetAtt DbKey.Arn", "ref": "DbKey", "attribute": "Arn"}

test_cloudformation_encrypted_without_key if {
	rule.deny == {{
		"resource": "OrdersDb",
		"path": ["Resources", "OrdersDb", "Properties", "KmsKeyId"],
		"message": "AWS::RDS::DBCluster storage is encrypted with the AWS-managed key rather than a customer-managed KMS key",
		"remediation": rule.fix.cloudformation,
	}} with input as cfn_db("AWS::RDS::DBCluster", {"StorageEncrypted": true})
}

test_cloudformation_aws_managed_alias if {
	count(rule.deny) == 1 with input as cfn_db("AWS::RDS::DBInstance", {"StorageEncrypted": "true", "KmsKeyId": "alias/aws/rds"})
}

test_cloudformation_customer_key if {
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"StorageEncrypted": true, "KmsKeyId": key})
	count(rule.deny) == 0 with input as cfn_db("AWS::Neptune::DBCluster", {"StorageEncrypted": true, "KmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

# Unencrypted storage is the storage rule's finding, not this one's.
test_cloudformation_unencrypted_or_unknown_not_reported if {
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"StorageEncrypted": false})
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {})
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"StorageEncrypted": {"__unknown__": true, "expr": "Ref Encrypt", "ref": "Encrypt"}})
}

test_cloudformation_inherited_not_reported if {
	count(rule.deny) == 0 with input as cfn_db("AWS::RDS::DBInstance", {"StorageEncrypted": true, "SourceDBInstanceIdentifier": "orders-primary"})
}

# Terraform

tf_db(type, values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": sprintf("%s.orders", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

test_terraform_encrypted_without_key if {
	rule.deny == {{
		"resource": "aws_rds_cluster.orders",
		"path": ["resources", 0, "values", "kms_key_id"],
		"message": "aws_rds_cluster storage is encrypted with the AWS-managed key rather than a customer-managed KMS key",
		"remediation": rule.fix.terraform,
	}} with input as tf_db("aws_rds_cluster", {"storage_encrypted": true})
}

test_terraform_aws_managed_alias if {
	count(rule.deny) == 1 with input as tf_db("aws_db_instance", {"storage_encrypted": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:alias/aws/rds"})
	count(rule.deny) == 1 with input as tf_db("aws_db_instance", {"storage_encrypted": true, "kms_key_id": null})
}

test_terraform_customer_key if {
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"storage_encrypted": true, "kms_key_id": {"__unknown__": true, "expr": "aws_kms_key.db.arn", "ref": "aws_kms_key.db", "attribute": "arn"}})
	count(rule.deny) == 0 with input as tf_db("aws_docdb_cluster", {"storage_encrypted": true, "kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

test_terraform_unencrypted_or_unknown_left_to_other_rule if {
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"storage_encrypted": false})
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"storage_encrypted": {"__unknown__": true, "expr": "var.enc"}})
}

test_terraform_inherited_not_reported if {
	count(rule.deny) == 0 with input as tf_db("aws_db_instance", {"storage_encrypted": true, "replicate_source_db": "orders"})
}

test_terraform_neptune_key_argument if {
	count(rule.deny) == 0 with input as tf_db("aws_neptune_cluster", {"storage_encrypted": true, "kms_key_arn": {"__unknown__": true, "expr": "var.key"}})
	rule.deny == {{
		"resource": "aws_neptune_cluster.orders",
		"path": ["resources", 0, "values", "kms_key_arn"],
		"message": "aws_neptune_cluster storage is encrypted with the AWS-managed key rather than a customer-managed KMS key",
		"remediation": rule.fix.terraform,
	}} with input as tf_db("aws_neptune_cluster", {"storage_encrypted": true, "kms_key_id": "ignored"})
}
