# METADATA
# title: DAX cluster is encrypted at rest
# description: >-
#   A DAX cluster caches DynamoDB items unencrypted unless server-side
#   encryption is enabled at creation (it cannot be changed later). DAX
#   encrypts with an AWS-owned key only, so
#   require_customer_managed_keys does not apply.
# custom:
#   id: aws-dax-cluster-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::DAX::Cluster", "aws_dax_cluster"]
#   remediation: Set SSESpecification.SSEEnabled to true (CloudFormation) or server_side_encryption { enabled = true } (Terraform).
package tollgate.aws.dax_cluster_encryption

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-dax-cluster-encryption"])
}
