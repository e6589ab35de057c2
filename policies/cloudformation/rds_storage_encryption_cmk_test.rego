package tollgate.cloudformation.rds_storage_encryption_cmk_test

import rego.v1

import data.tollgate.cloudformation.rds_storage_encryption_cmk as rule

db(type, props) := {"Resources": {"OrdersDb": {"Type": type, "Properties": props}}}

key := {"__unknown__": true, "expr": "Fn::GetAtt DbKey.Arn", "ref": "DbKey", "attribute": "Arn"}

test_encrypted_without_key if {
	rule.deny == {{
		"resource": "OrdersDb",
		"path": ["Resources", "OrdersDb", "Properties", "KmsKeyId"],
		"message": "AWS::RDS::DBCluster storage is encrypted with the AWS-managed key rather than a customer-managed KMS key",
	}} with input as db("AWS::RDS::DBCluster", {"StorageEncrypted": true})
}

test_aws_managed_alias if {
	count(rule.deny) == 1 with input as db("AWS::RDS::DBInstance", {"StorageEncrypted": "true", "KmsKeyId": "alias/aws/rds"})
}

test_customer_key if {
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"StorageEncrypted": true, "KmsKeyId": key})
	count(rule.deny) == 0 with input as db("AWS::Neptune::DBCluster", {"StorageEncrypted": true, "KmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
}

# Unencrypted storage is the storage rule's finding, not this one's.
test_unencrypted_or_unknown_not_reported if {
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"StorageEncrypted": false})
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {})
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"StorageEncrypted": {"__unknown__": true, "expr": "Ref Encrypt", "ref": "Encrypt"}})
}

test_inherited_not_reported if {
	count(rule.deny) == 0 with input as db("AWS::RDS::DBInstance", {"StorageEncrypted": true, "SourceDBInstanceIdentifier": "orders-primary"})
}
