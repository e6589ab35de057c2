# METADATA
# title: OpenSearch domain encrypts node-to-node traffic
# description: >-
#   Without node_to_node_encryption { enabled = true }, traffic between the
#   nodes of an aws_opensearch_domain or aws_elasticsearch_domain travels
#   unencrypted inside the VPC.
# custom:
#   id: aws-opensearch-node-to-node-encryption
#   severity: medium
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_opensearch_domain", "aws_elasticsearch_domain"]
#   remediation: Add node_to_node_encryption { enabled = true }.
package tollgate.terraform.opensearch_node_to_node_encryption

import rego.v1

import data.tollgate.lib.encryption
import data.tollgate.lib.tf
import data.tollgate.terraform.opensearch_encryption_at_rest as at_rest

deny contains f if {
	some i, r in at_rest.domains
	encryption.unset_or_false(encryption.lookup(r.values, ["node_to_node_encryption", 0, "enabled"], false))
	f := tf.finding(i, ["node_to_node_encryption", 0, "enabled"], "domain does not encrypt traffic between nodes (node_to_node_encryption.enabled is not true)")
}
