# METADATA
# title: CodeBuild project artifacts use a customer-managed KMS key
# description: >-
#   CodeBuild encrypts build output artifacts with the AWS-managed key
#   aws/s3 unless EncryptionKey names a customer-managed key. Reported
#   only with require_customer_managed_keys: true.
# custom:
#   id: aws-codebuild-project-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::CodeBuild::Project", "aws_codebuild_project"]
#   remediation: Set EncryptionKey (encryption_key) to a customer-managed KMS key rather than alias/aws/s3.
package tollgate.aws.codebuild_project_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-codebuild-project-kms"])
}
