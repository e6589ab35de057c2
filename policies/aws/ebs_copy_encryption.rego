# METADATA
# title: EBS snapshot and AMI copies are encrypted
# description: >-
#   aws_ebs_snapshot_copy and aws_ami_copy create unencrypted copies of
#   unencrypted sources unless encrypted = true (the account's
#   encryption-by-default setting is not visible in the configuration).
#   CloudFormation has no resource that copies a snapshot or an image, so
#   this rule is Terraform's alone. With require_customer_managed_keys:
#   true, kms_key_id must be a customer-managed key.
# custom:
#   id: aws-ebs-copy-encryption
#   severity: high
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_ami_copy", "aws_ebs_snapshot_copy"]
#   remediation: >-
#     Set encrypted = true and kms_key_id to a customer-managed KMS key.
package tollgate.aws.ebs_copy_encryption

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-ebs-copy-encryption"])
}
