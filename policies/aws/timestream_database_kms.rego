# METADATA
# title: Timestream database uses a customer-managed KMS key
# description: >-
#   A Timestream database is encrypted with the AWS-managed key
#   aws/timestream unless KmsKeyId names a customer-managed key.
#   Reported only with require_customer_managed_keys: true.
# custom:
#   id: aws-timestream-database-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Timestream::Database", "aws_timestreamwrite_database"]
#   remediation: Set KmsKeyId (kms_key_id) to a customer-managed KMS key rather than aws/timestream.
package tollgate.aws.timestream_database_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-timestream-database-kms"])
}
