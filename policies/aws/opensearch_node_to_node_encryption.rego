# METADATA
# title: OpenSearch domain encrypts node-to-node traffic
# description: >-
#   Without node-to-node encryption, traffic between the nodes of an OpenSearch
#   or Elasticsearch domain (shard replication, queries fanned out to data
#   nodes) travels unencrypted inside the VPC.
# custom:
#   id: aws-opensearch-node-to-node-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain", "aws_elasticsearch_domain", "aws_opensearch_domain"]
#   remediation: Set NodeToNodeEncryptionOptions.Enabled to true.
package tollgate.aws.opensearch_node_to_node_encryption

import rego.v1

import data.tollgate.lib.aws.opensearch
import data.tollgate.lib.encryption
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set NodeToNodeEncryptionOptions.Enabled to true.",
	"terraform": "Add node_to_node_encryption { enabled = true }.",
}

deny contains f if {
	some d in opensearch.domains
	encryption.unset_or_false(view.value_or(d, "node_to_node_encryption", false))
	f := view.finding(d, "node_to_node_encryption", sprintf("domain does not encrypt traffic between nodes (%s is not true)", [view.spelled(d, "node_to_node_encryption")]), fix)
}

# Undecided where node_to_node_encryption is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(opensearch.domains, ["node_to_node_encryption"])
}
