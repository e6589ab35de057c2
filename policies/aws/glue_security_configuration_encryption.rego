# METADATA
# title: Glue security configuration encrypts S3 output, logs and job bookmarks
# description: >-
#   A Glue security configuration encrypts each kind of data a job or
#   crawler writes only when its mode is set: S3 output (S3EncryptionMode
#   SSE-KMS or SSE-S3), CloudWatch logs (CloudWatchEncryptionMode SSE-KMS)
#   and job bookmarks (JobBookmarksEncryptionMode CSE-KMS). A missing mode is
#   DISABLED; each disabled one is reported at its own path.
# custom:
#   id: aws-glue-security-configuration-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Glue::SecurityConfiguration", "aws_glue_security_configuration"]
#   remediation: >-
#     Set S3EncryptionMode to SSE-KMS, CloudWatchEncryptionMode to SSE-KMS and
#     JobBookmarksEncryptionMode to CSE-KMS, each with a KMS key.
package tollgate.aws.glue_security_configuration_encryption

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

fix := {
	"cloudformation": "Set EncryptionConfiguration.S3Encryptions[].S3EncryptionMode to SSE-KMS, CloudWatchEncryption.CloudWatchEncryptionMode to SSE-KMS and JobBookmarksEncryption.JobBookmarksEncryptionMode to CSE-KMS, each with KmsKeyArn.",
	"terraform": "Set s3_encryption { s3_encryption_mode = \"SSE-KMS\" }, cloudwatch_encryption { cloudwatch_encryption_mode = \"SSE-KMS\" } and job_bookmarks_encryption { job_bookmarks_encryption_mode = \"CSE-KMS\" }, each with kms_key_arn.",
}

# The mode paths per family, relative to the resource's settings. S3 is a
# list of blocks in both formats (CloudFormation's S3Encryptions).
_modes := {
	"cloudformation": {
		"type": "AWS::Glue::SecurityConfiguration",
		"s3": {"list": ["EncryptionConfiguration", "S3Encryptions"], "mode": ["S3EncryptionMode"]},
		"single": [
			{"what": "CloudWatch logs", "path": ["EncryptionConfiguration", "CloudWatchEncryption", "CloudWatchEncryptionMode"]},
			{"what": "job bookmarks", "path": ["EncryptionConfiguration", "JobBookmarksEncryption", "JobBookmarksEncryptionMode"]},
		],
	},
	"terraform": {
		"type": "aws_glue_security_configuration",
		"s3": {"list": ["encryption_configuration", 0, "s3_encryption"], "mode": ["s3_encryption_mode"]},
		"single": [
			{"what": "CloudWatch logs", "path": ["encryption_configuration", 0, "cloudwatch_encryption", 0, "cloudwatch_encryption_mode"]},
			{"what": "job bookmarks", "path": ["encryption_configuration", 0, "job_bookmarks_encryption", 0, "job_bookmarks_encryption_mode"]},
		],
	},
}

# disabled holds for a mode that is known to be off: missing or DISABLED.
disabled(x) if x == null

disabled(x) if {
	is_string(x)
	upper(x) == "DISABLED"
}

deny contains f if {
	spec := _modes[view.family]
	some v in view.by_type[spec.type]
	some m in spec.single
	disabled(view.get(v.values, m.path))
	f := view.finding_at(v, m.path, sprintf("Glue security configuration does not encrypt %s (%s is DISABLED or not set)", [m.what, view.dotted(m.path)]), fix)
}

# No S3 encryption block at all: S3 output is not encrypted by Glue.
deny contains f if {
	spec := _modes[view.family]
	some v in view.by_type[spec.type]
	blocks := view.get(v.values, spec.s3.list)
	not view.is_set(blocks)
	p := array.concat(spec.s3.list, array.concat([0], spec.s3.mode))
	f := view.finding_at(v, p, sprintf("Glue security configuration does not encrypt S3 output (%s is DISABLED or not set)", [view.dotted(p)]), fix)
}

deny contains f if {
	spec := _modes[view.family]
	some v in view.by_type[spec.type]
	blocks := view.get(v.values, spec.s3.list)
	some [at, b] in s3_blocks(spec.s3.list, blocks)
	disabled(view.get(b, spec.s3.mode))
	p := array.concat(at, spec.s3.mode)
	f := view.finding_at(v, p, sprintf("Glue security configuration does not encrypt S3 output (%s is DISABLED or not set)", [view.dotted(p)]), fix)
}

# s3_blocks returns [path, block] for each S3 encryption block: a list in
# both formats, though a template may write a single object.
s3_blocks(list, blocks) := {[array.concat(list, [i]), b] | some i, b in blocks; is_object(b)} if is_array(blocks)

else := {[list, blocks]} if {
	is_object(blocks)
	not core.is_unknown(blocks)
}
