# METADATA
# title: SageMaker notebook instance storage uses a customer-managed KMS key
# description: >-
#   A notebook instance's ML storage volume is encrypted with an AWS-
#   managed key unless KmsKeyId names a customer-managed key. Reported
#   only with require_customer_managed_keys: true.
# custom:
#   id: aws-sagemaker-notebook-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::SageMaker::NotebookInstance", "aws_sagemaker_notebook_instance"]
#   remediation: Set KmsKeyId (kms_key_id) to a customer-managed KMS key.
package tollgate.aws.sagemaker_notebook_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-sagemaker-notebook-kms"])
}
