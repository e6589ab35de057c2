# METADATA
# title: SageMaker endpoint configuration uses a customer-managed KMS key
# description: >-
#   The storage volumes of an endpoint's instances are encrypted with an
#   AWS-managed key unless the endpoint configuration names a customer-
#   managed key. Reported only with require_customer_managed_keys: true.
# custom:
#   id: aws-sagemaker-endpoint-config-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::SageMaker::EndpointConfig", "aws_sagemaker_endpoint_configuration"]
#   remediation: Set KmsKeyId (kms_key_arn) to a customer-managed KMS key.
package tollgate.aws.sagemaker_endpoint_config_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-sagemaker-endpoint-config-kms"])
}
