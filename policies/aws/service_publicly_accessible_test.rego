package tollgate.aws.service_publicly_accessible_test

import rego.v1

import data.tollgate.aws.service_publicly_accessible as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

test_cloudformation if {
	rule.deny == {
		{
			"resource": "Warehouse",
			"path": ["Resources", "Warehouse", "Properties", "PubliclyAccessible"],
			"message": "AWS::Redshift::Cluster is reachable from the internet (PubliclyAccessible is true)",
		},
		{
			"resource": "Broker",
			"path": ["Resources", "Broker", "Properties", "PubliclyAccessible"],
			"message": "AWS::AmazonMQ::Broker is reachable from the internet (PubliclyAccessible is true)",
		},
		{
			"resource": "Kafka",
			"path": ["Resources", "Kafka", "Properties", "BrokerNodeGroupInfo", "ConnectivityInfo", "PublicAccess", "Type"],
			"message": "AWS::MSK::Cluster is reachable from the internet (BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type is SERVICE_PROVIDED_EIPS)",
		},
		{
			"resource": "Migration",
			"path": ["Resources", "Migration", "Properties", "PubliclyAccessible"],
			"message": "AWS::DMS::ReplicationInstance is reachable from the internet (PubliclyAccessible defaults to true)",
		},
	} with input as cfn({
		"Warehouse": {"Type": "AWS::Redshift::Cluster", "Properties": {"PubliclyAccessible": true}},
		"Broker": {"Type": "AWS::AmazonMQ::Broker", "Properties": {"PubliclyAccessible": "true"}},
		"Kafka": {"Type": "AWS::MSK::Cluster", "Properties": {"BrokerNodeGroupInfo": {"ConnectivityInfo": {"PublicAccess": {"Type": "SERVICE_PROVIDED_EIPS"}}}}},
		"Migration": {"Type": "AWS::DMS::ReplicationInstance", "Properties": {"ReplicationInstanceClass": "dms.t3.medium"}},
	})
}

test_cloudformation_private if {
	count(rule.deny) == 0 with input as cfn({
		"Warehouse": {"Type": "AWS::Redshift::Cluster", "Properties": {}},
		"Broker": {"Type": "AWS::AmazonMQ::Broker", "Properties": {"PubliclyAccessible": false}},
		"Kafka": {"Type": "AWS::MSK::Cluster", "Properties": {"BrokerNodeGroupInfo": {"ConnectivityInfo": {"PublicAccess": {"Type": "DISABLED"}}}}},
		"Kafka2": {"Type": "AWS::MSK::Cluster", "Properties": {}},
		"Migration": {"Type": "AWS::DMS::ReplicationInstance", "Properties": {"PubliclyAccessible": false}},
		"Migration2": {"Type": "AWS::DMS::ReplicationInstance", "Properties": {"PubliclyAccessible": {"__unknown__": true, "expr": "Ref Public"}}},
	})
}

test_terraform if {
	inp := {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_redshift_cluster.w", "mode": "managed", "type": "aws_redshift_cluster", "values": {}},
		{"address": "aws_dms_replication_instance.m", "mode": "managed", "type": "aws_dms_replication_instance", "values": {}},
		{"address": "aws_msk_cluster.k", "mode": "managed", "type": "aws_msk_cluster", "values": {"broker_node_group_info": [{"connectivity_info": [{"public_access": [{"type": "SERVICE_PROVIDED_EIPS"}]}]}]}},
		{"address": "aws_mq_broker.b", "mode": "managed", "type": "aws_mq_broker", "values": {"publicly_accessible": true}},
	]}
	rule.deny == {
		{
			"resource": "aws_msk_cluster.k",
			"path": ["resources", 2, "values", "broker_node_group_info", 0, "connectivity_info", 0, "public_access", 0, "type"],
			"message": "aws_msk_cluster is reachable from the internet (broker_node_group_info.connectivity_info.public_access.type is SERVICE_PROVIDED_EIPS)",
		},
		{
			"resource": "aws_mq_broker.b",
			"path": ["resources", 3, "values", "publicly_accessible"],
			"message": "aws_mq_broker is reachable from the internet (publicly_accessible is true)",
		},
	} with input as inp
}
