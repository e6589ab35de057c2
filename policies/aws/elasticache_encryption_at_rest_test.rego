package tollgate.aws.elasticache_encryption_at_rest_test

import rego.v1

import data.tollgate.aws.elasticache_encryption_at_rest as rule

# CloudFormation (and CDK)

group(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Sessions": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": props}}}

test_cloudformation_missing if {
	rule.deny == {{
		"resource": "Sessions",
		"path": ["Resources", "Sessions", "Properties", "AtRestEncryptionEnabled"],
		"message": "replication group does not encrypt data at rest (AtRestEncryptionEnabled is not true)",
		"remediation": rule.fix.cloudformation,
	}} with input as group({"Engine": "redis", "CacheNodeType": "cache.r7g.large"})
	count(rule.deny) == 1 with input as group({"AtRestEncryptionEnabled": "false"})
}

test_cloudformation_enabled_or_unknown if {
	count(rule.deny) == 0 with input as group({"AtRestEncryptionEnabled": true})
	count(rule.deny) == 0 with input as group({"AtRestEncryptionEnabled": {"__unknown__": true, "expr": "Ref Encrypt", "ref": "Encrypt"}})
}

test_cloudformation_serverless_and_cluster_not_reported if {
	count(rule.deny) == 0 with input as {"tollgate": {"format": "cloudformation"}, "Resources": {
		"S": {"Type": "AWS::ElastiCache::ServerlessCache", "Properties": {"Engine": "valkey"}},
		"C": {"Type": "AWS::ElastiCache::CacheCluster", "Properties": {"Engine": "memcached"}},
	}}
}

# Terraform

doc(type, values) := {"tollgate": {"format": "terraform"}, "resources": [{"address": sprintf("%s.main", [type]), "mode": "managed", "type": type, "provider": "aws", "values": values}]}

unknown := {"__unknown__": true, "expr": "var.x"}

test_terraform_missing if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.main", "path": ["resources", 0, "values", "at_rest_encryption_enabled"], "message": "replication group does not encrypt data at rest (at_rest_encryption_enabled is not true)", "remediation": rule.fix.terraform}} with input as doc("aws_elasticache_replication_group", {"replication_group_id": "sessions"})
	count(rule.deny) == 1 with input as doc("aws_elasticache_replication_group", {"at_rest_encryption_enabled": "false"})
}

test_terraform_enabled_or_unknown if {
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"at_rest_encryption_enabled": true})
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"at_rest_encryption_enabled": unknown})
	count(rule.deny) == 0 with input as doc("aws_elasticache_serverless_cache", {"engine": "redis"})
}

# require_customer_managed_keys

cmk := {"require_customer_managed_keys": true}

test_cmk_missing_or_aws_managed_key if {
	rule.deny == {{
		"resource": "Sessions",
		"path": ["Resources", "Sessions", "Properties", "KmsKeyId"],
		"message": "replication group is encrypted with the default ElastiCache key, not a customer-managed key (KmsKeyId is not set)",
		"remediation": rule.key_fix.cloudformation,
	}} with input as group({"AtRestEncryptionEnabled": true}) with data.tollgate.config as cmk
	rule.deny == {{
		"resource": "aws_elasticache_replication_group.main",
		"path": ["resources", 0, "values", "kms_key_id"],
		"message": "replication group is encrypted with the default ElastiCache key, not a customer-managed key (kms_key_id names an AWS-managed key)",
		"remediation": rule.key_fix.terraform,
	}} with input as doc("aws_elasticache_replication_group", {"at_rest_encryption_enabled": true, "kms_key_id": "alias/aws/elasticache"}) with data.tollgate.config as cmk
}

test_cmk_customer_or_unknown_key if {
	count(rule.deny) == 0 with input as group({"AtRestEncryptionEnabled": true, "KmsKeyId": {"__unknown__": true, "expr": "GetAtt Key.Arn", "ref": "Key"}}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as group({"AtRestEncryptionEnabled": true, "KmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}) with data.tollgate.config as cmk
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"at_rest_encryption_enabled": true, "kms_key_id": {"__unknown__": true, "expr": "aws_kms_key.k.arn", "ref": "aws_kms_key.k", "attribute": "arn"}}) with data.tollgate.config as cmk
}

test_cmk_off_keeps_aws_managed_key if {
	count(rule.deny) == 0 with input as group({"AtRestEncryptionEnabled": true})
	count(rule.deny) == 0 with input as doc("aws_elasticache_replication_group", {"at_rest_encryption_enabled": true, "kms_key_id": "alias/aws/elasticache"}) with data.tollgate.config as {"require_customer_managed_keys": false}
}
