# METADATA
# title: WorkSpaces root and user volumes are encrypted
# description: >-
#   A WorkSpace's root (C:) and user (D:) volumes are unencrypted unless
#   each is enabled at creation, and encryption cannot be added to a
#   running WorkSpace.
# custom:
#   id: aws-workspaces-volume-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::WorkSpaces::Workspace", "aws_workspaces_workspace"]
#   remediation: Set RootVolumeEncryptionEnabled and UserVolumeEncryptionEnabled (root_volume_encryption_enabled and user_volume_encryption_enabled) to true, with VolumeEncryptionKey / volume_encryption_key a customer-managed key.
package tollgate.aws.workspaces_volume_encryption

import rego.v1

import data.tollgate.lib.at_rest

# The control is the table entry; findings carry the fix in the format's
# own spelling.
deny contains f if {
	some f in at_rest.findings(at_rest.controls["aws-workspaces-volume-encryption"])
}
