# METADATA
# description: EFS file systems as one view (see lib/view.rego).
package tollgate.lib.aws.efs

import rego.v1

import data.tollgate.lib.view

file_systems := view.resources({
	"cloudformation": {"type": "AWS::EFS::FileSystem", "fields": {"encrypted": ["Encrypted"], "kms_key": ["KmsKeyId"]}},
	"terraform": {"type": "aws_efs_file_system", "fields": {"encrypted": ["encrypted"], "kms_key": ["kms_key_id"]}},
})
