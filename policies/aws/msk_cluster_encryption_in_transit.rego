# METADATA
# title: MSK cluster accepts only TLS connections
# description: >-
#   Kafka traffic between clients and brokers is TLS only by default;
#   ClientBroker TLS_PLAINTEXT or PLAINTEXT (client_broker) also accepts
#   plaintext connections, and InCluster false (in_cluster = false) sends
#   replication traffic between brokers in clear. InCluster cannot be
#   changed after creation.
# custom:
#   id: aws-msk-cluster-encryption-in-transit
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::MSK::Cluster", "aws_msk_cluster"]
#   remediation: >-
#     Set EncryptionInfo.EncryptionInTransit.ClientBroker (client_broker) to TLS
#     and leave InCluster (in_cluster) unset or true.
package tollgate.aws.msk_cluster_encryption_in_transit

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-msk-cluster-encryption-in-transit"])
}
