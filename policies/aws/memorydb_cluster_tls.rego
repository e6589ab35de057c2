# METADATA
# title: MemoryDB cluster encrypts traffic with TLS
# description: >-
#   MemoryDB clusters use TLS by default; TLSEnabled false (tls_enabled
#   = false) sends commands and data, credentials included, in clear
#   text and requires the open-access ACL. TLS cannot be turned on after
#   creation.
# custom:
#   id: aws-memorydb-cluster-tls
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::MemoryDB::Cluster", "aws_memorydb_cluster"]
#   remediation: Remove TLSEnabled false (tls_enabled = false in Terraform), since TLS is the default.
package tollgate.aws.memorydb_cluster_tls

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-memorydb-cluster-tls"])
}
