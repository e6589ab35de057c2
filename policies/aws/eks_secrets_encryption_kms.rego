# METADATA
# title: EKS cluster encrypts Kubernetes secrets with a customer-managed KMS key
# description: >-
#   EKS envelope-encrypts Kubernetes API data, secrets included, with an
#   AWS-owned key by default; EncryptionConfig with a customer-managed
#   key puts who can decrypt secrets under your key policy. Reported
#   only with require_customer_managed_keys: true.
# custom:
#   id: aws-eks-secrets-encryption-kms
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::EKS::Cluster", "aws_eks_cluster"]
#   remediation: Set EncryptionConfig (encryption_config) with Resources [secrets] and Provider.KeyArn (provider.key_arn) a customer-managed key.
package tollgate.aws.eks_secrets_encryption_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-eks-secrets-encryption-kms"])
}
