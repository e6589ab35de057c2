# METADATA
# title: Lambda container images are pinned
# description: >-
#   A function image referenced by the tag latest, or by no tag, deploys
#   whatever the tag points to at deployment time: the same template can
#   deploy different code, and a rollback does not roll back. Lambda resolves
#   the tag to a digest when the function is created or updated, so running
#   functions do not change silently (hence low severity).
# custom:
#   id: aws-lambda-image-pinned
#   severity: low
#   theme: base-image
#   formats: [cloudformation]
#   resource_types: ["AWS::Lambda::Function", "AWS::Serverless::Function"]
#   remediation: >-
#     Set Code.ImageUri (SAM: ImageUri) to an image digest, e.g.
#     123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn@sha256:<digest>, or a
#     version tag in an IMMUTABLE ECR repository.
package tollgate.cloudformation.images_lambda_pinned

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.images

image_paths := {
	"AWS::Lambda::Function": ["Code", "ImageUri"],
	"AWS::Serverless::Function": ["ImageUri"],
}

deny contains f if {
	some type, path in image_paths
	some name, r in cfn.resources(type)
	uri := cfn.prop(r, path, null)
	images.unpinned(uri)
	f := cfn.finding(name, path, sprintf("Function image %s is not pinned to a version or digest", [uri]))
}
