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
#   formats: [cloudformation]
#   resource_types: ["AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain"]
#   remediation: Set NodeToNodeEncryptionOptions.Enabled to true.
package tollgate.cloudformation.opensearch_node_to_node_encryption

import rego.v1

import data.tollgate.cloudformation.opensearch_encryption_at_rest as at_rest
import data.tollgate.lib.cfn
import data.tollgate.lib.encryption

deny contains f if {
	some name, r in cfn.resources_in(at_rest.domain_types)
	encryption.unset_or_false(encryption.prop(r, ["NodeToNodeEncryptionOptions", "Enabled"], false))
	f := cfn.finding(name, ["NodeToNodeEncryptionOptions", "Enabled"], "domain does not encrypt traffic between nodes (NodeToNodeEncryptionOptions.Enabled is not true)")
}
