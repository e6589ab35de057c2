# METADATA
# title: Database storage is encrypted
# description: >-
#   RDS instances and clusters, DocumentDB and Neptune clusters store data,
#   automated backups, snapshots and replicas unencrypted unless
#   StorageEncrypted is true, and encryption cannot be turned on after
#   creation. Resources that take their encryption from elsewhere are not
#   reported: Aurora and Multi-AZ cluster members (from the cluster), read
#   replicas and point-in-time restores (from the source), snapshot restores
#   (from the snapshot), Aurora Serverless v1 clusters (always encrypted) and
#   secondary clusters of a global database that leave the property unset.
# custom:
#   id: aws-rds-storage-encrypted
#   severity: high
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"]
#   remediation: >-
#     Set StorageEncrypted to true (and KmsKeyId to a customer-managed key);
#     an existing database must be migrated through an encrypted snapshot copy.
package tollgate.cloudformation.rds_storage_encrypted

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

types := {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster"}

# Properties whose presence means the storage encryption is decided by
# another resource, a source database or a snapshot.
inheriting_properties := {
	"AWS::RDS::DBInstance": {
		"DBClusterIdentifier", "SourceDBInstanceIdentifier", "SourceDBInstanceAutomatedBackupsArn",
		"SourceDbiResourceId", "SourceDBClusterIdentifier", "DBSnapshotIdentifier", "DBClusterSnapshotIdentifier",
	},
	"AWS::RDS::DBCluster": {"SnapshotIdentifier", "SourceDBClusterIdentifier", "ReplicationSourceIdentifier"},
	"AWS::DocDB::DBCluster": {"SnapshotIdentifier", "SourceDBClusterIdentifier"},
	"AWS::Neptune::DBCluster": {"SnapshotIdentifier", "SourceDBClusterIdentifier"},
}

# databases yields the resources whose own StorageEncrypted decides their
# encryption, keyed by logical id.
databases := {name: r |
	some name, r in cfn.resources_in(types)
	not inherits(r)
}

inherits(r) if {
	some p in inheriting_properties[r.Type]
	cfn.has_prop(r, [p])
}

# Aurora instances cannot exist outside a cluster; an instance with an aurora
# engine is a cluster member even if the template wires it oddly.
inherits(r) if {
	r.Type == "AWS::RDS::DBInstance"
	engine := encryption.prop(r, ["Engine"], "")
	is_string(engine)
	startswith(lower(engine), "aurora")
}

# Aurora Serverless v1 clusters are always encrypted.
inherits(r) if {
	r.Type == "AWS::RDS::DBCluster"
	mode := encryption.prop(r, ["EngineMode"], "provisioned")
	is_string(mode)
	lower(mode) == "serverless"
}

# A secondary cluster of a global database that does not set the property
# takes it from the global cluster.
inherits(r) if {
	r.Type == "AWS::RDS::DBCluster"
	cfn.has_prop(r, ["GlobalClusterIdentifier"])
	not cfn.has_prop(r, ["StorageEncrypted"])
}

deny contains f if {
	some name, r in databases
	encryption.unset_or_false(encryption.prop(r, ["StorageEncrypted"], false))
	f := cfn.finding(name, ["StorageEncrypted"], sprintf("%s storage is not encrypted (StorageEncrypted is not true)", [r.Type]))
}
