# METADATA
# title: Redshift cluster is encrypted at rest
# description: >-
#   Since January 2025 Amazon Redshift encrypts new provisioned clusters
#   by default (with an AWS-managed key), so only an explicit Encrypted
#   false / encrypted = false still asks for an unencrypted cluster;
#   with require_customer_managed_keys, a cluster without a customer-
#   managed KmsKeyId is reported too.
# custom:
#   id: aws-redshift-cluster-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Redshift::Cluster", "aws_redshift_cluster"]
#   remediation: Remove Encrypted false (encrypted = false in Terraform) and set KmsKeyId / kms_key_id to a customer-managed key.
package tollgate.aws.redshift_cluster_encryption

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-redshift-cluster-encryption"])
}
