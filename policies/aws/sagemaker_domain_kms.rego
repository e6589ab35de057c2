# METADATA
# title: SageMaker domain uses a customer-managed KMS key
# description: >-
#   A SageMaker domain's EFS volume (every user's home directory, notebooks
#   and data) is encrypted with an AWS-managed key unless KmsKeyId
#   (kms_key_id) names one. Reported only with require_customer_managed_keys: true.
# custom:
#   id: aws-sagemaker-domain-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::SageMaker::Domain", "aws_sagemaker_domain"]
#   remediation: >-
#     Set KmsKeyId (kms_key_id) to a customer-managed KMS key; it can only be set when the domain is created.
package tollgate.aws.sagemaker_domain_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-sagemaker-domain-kms"])
}
