# METADATA
# title: CodeBuild artifacts are encrypted
# description: >-
#   CodeBuild encrypts the build output it uploads to S3 with the project's
#   key unless EncryptionDisabled (encryption_disabled) is true on the
#   artifacts or on a secondary artifact. Build output often holds packaged
#   configuration and credentials. The switch applies to S3 artifacts only:
#   with CODEPIPELINE artifacts the pipeline's artifact store decides (and
#   CodeBuild ignores or rejects the switch), so those are not reported.
# custom:
#   id: aws-codebuild-artifacts-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::CodeBuild::Project", "aws_codebuild_project"]
#   remediation: Remove EncryptionDisabled true (encryption_disabled = true) from Artifacts and SecondaryArtifacts.
package tollgate.aws.codebuild_artifacts_encryption

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

fix := {
	"cloudformation": "Remove EncryptionDisabled: true from Artifacts and SecondaryArtifacts (artifacts are encrypted with EncryptionKey by default).",
	"terraform": "Remove encryption_disabled = true from artifacts and secondary_artifacts (artifacts are encrypted with encryption_key by default).",
}

# The artifact blocks per family: [path of the block, is it a list].
_paths := {
	"cloudformation": {"type": "AWS::CodeBuild::Project", "primary": ["Artifacts"], "secondary": ["SecondaryArtifacts"], "switch": "EncryptionDisabled", "kind": "Type"},
	"terraform": {"type": "aws_codebuild_project", "primary": ["artifacts", 0], "secondary": ["secondary_artifacts"], "switch": "encryption_disabled", "kind": "type"},
}

# artifacts returns [path, block] for every artifact block of v.
artifacts(v, spec) := {[spec.primary, b] | b := view.get(v.values, spec.primary); is_object(b)} | {[array.concat(spec.secondary, [i]), b] |
	list := view.get(v.values, spec.secondary)
	is_array(list)
	some i, b in list
	is_object(b)
}

deny contains f if {
	spec := _paths[view.family]
	some v in view.by_type[spec.type]
	some [at, b] in artifacts(v, spec)
	core.is_true(object.get(b, spec.switch, null))
	may_be_s3(object.get(b, spec.kind, null))
	p := array.concat(at, [spec.switch])
	f := view.finding_at(v, p, sprintf("CodeBuild project uploads artifacts unencrypted (%s is true)", [view.dotted(p)]), fix)
}

# The switch means something for S3 artifacts only; an unknown type may be S3.
may_be_s3(t) if core.is_unknown(t)

may_be_s3(t) if {
	is_string(t)
	upper(t) == "S3"
}
