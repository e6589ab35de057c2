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
