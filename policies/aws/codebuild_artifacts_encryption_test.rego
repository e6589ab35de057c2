package tollgate.aws.codebuild_artifacts_encryption_test

import rego.v1

import data.tollgate.aws.codebuild_artifacts_encryption

cfn(props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::CodeBuild::Project", "Properties": props}}}

tf(format, values) := {"tollgate": {"format": format}, "resources": [{"mode": "managed", "type": "aws_codebuild_project", "address": "aws_codebuild_project.r", "values": values}]}

test_disabled_reported if {
	fs := codebuild_artifacts_encryption.deny with input as cfn({"Artifacts": {"Type": "S3", "EncryptionDisabled": true}, "SecondaryArtifacts": [{"Type": "S3"}, {"Type": "S3", "EncryptionDisabled": "true"}]})
	{f.path | some f in fs} == {["Resources", "R", "Properties", "Artifacts", "EncryptionDisabled"], ["Resources", "R", "Properties", "SecondaryArtifacts", 1, "EncryptionDisabled"]}
}

test_default_passes if {
	count(codebuild_artifacts_encryption.deny) == 0 with input as cfn({"Artifacts": {"Type": "S3"}})
}

test_tf_disabled_reported if {
	fs := codebuild_artifacts_encryption.deny with input as tf("terraform-plan", {"artifacts": [{"type": "S3", "encryption_disabled": true}], "secondary_artifacts": []})
	{f.path | some f in fs} == {["resources", 0, "values", "artifacts", 0, "encryption_disabled"]}
}

test_unknown_passes if {
	count(codebuild_artifacts_encryption.deny) == 0 with input as tf("terraform", {"artifacts": [{"type": "S3", "encryption_disabled": {"__unknown__": true, "expr": "Ref Param", "ref": "Param"}}]})
}


test_codepipeline_artifacts_not_reported if {
	count(codebuild_artifacts_encryption.deny) == 0 with input as cfn({"Artifacts": {"Type": "CODEPIPELINE", "EncryptionDisabled": true}})
	count(codebuild_artifacts_encryption.deny) == 0 with input as tf("terraform", {"artifacts": [{"type": "NO_ARTIFACTS", "encryption_disabled": true}]})
}

test_unknown_type_may_be_s3 if {
	count(codebuild_artifacts_encryption.deny) == 1 with input as cfn({"Artifacts": {"Type": {"__unknown__": true}, "EncryptionDisabled": true}})
}
