# METADATA
# title: FSx file system uses a customer-managed KMS key
# description: >-
#   Every FSx file system (Lustre, Windows, ONTAP, OpenZFS) is encrypted
#   at rest, by default with the AWS-managed key aws/fsx (scratch Lustre
#   file systems with an AWS-owned key). Reported only with
#   require_customer_managed_keys: true.
# custom:
#   id: aws-fsx-file-system-kms
#   severity: low
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::FSx::FileSystem", "aws_fsx_lustre_file_system", "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system", "aws_fsx_windows_file_system"]
#   remediation: Set KmsKeyId (kms_key_id) to a customer-managed KMS key rather than aws/fsx.
package tollgate.aws.fsx_file_system_kms

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-fsx-file-system-kms"])
}
