# METADATA
# title: CloudWatch Logs log group uses a customer-managed KMS key
# description: >-
#   CloudWatch Logs always encrypts log data with a service key; a
#   customer-managed key lets you control and audit who can read the
#   logs. Reported only with require_customer_managed_keys: true.
# custom:
#   id: aws-cloudwatch-log-group-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Logs::LogGroup", "aws_cloudwatch_log_group"]
#   remediation: Set KmsKeyId (kms_key_id) to a customer-managed KMS key whose key policy allows the CloudWatch Logs service principal.
package tollgate.aws.cloudwatch_log_group_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-cloudwatch-log-group-kms"])
}
