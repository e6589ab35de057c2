# METADATA
# title: Redshift Serverless namespace uses a customer-managed KMS key
# description: >-
#   A Redshift Serverless namespace is always encrypted, by default with
#   an AWS-owned key that no key policy of yours governs. Reported only
#   with require_customer_managed_keys: true.
# custom:
#   id: aws-redshift-serverless-namespace-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::RedshiftServerless::Namespace", "aws_redshiftserverless_namespace"]
#   remediation: Set KmsKeyId (kms_key_id) to a customer-managed KMS key.
package tollgate.aws.redshift_serverless_namespace_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-redshift-serverless-namespace-kms"])
}
