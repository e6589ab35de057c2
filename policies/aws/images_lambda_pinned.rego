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
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::Lambda::Function", "AWS::Serverless::Function", "aws_lambda_function"]
#   remediation: >-
#     Set Code.ImageUri (SAM: ImageUri) to an image digest, e.g.
#     123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn@sha256:<digest>, or a
#     version tag in an IMMUTABLE ECR repository.
package tollgate.aws.images_lambda_pinned

import rego.v1

import data.tollgate.lib.aws.lambda
import data.tollgate.lib.images
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set Code.ImageUri (SAM: ImageUri) to an image digest, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn@sha256:<digest>, or a version tag in an IMMUTABLE ECR repository.",
	"terraform": "Set image_uri to an image digest, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn@sha256:<digest>, or a version tag in an IMMUTABLE ECR repository.",
}

deny contains f if {
	some fn in lambda.functions
	uri := view.value(fn, "image_uri")
	images.unpinned(uri)
	f := view.finding(fn, "image_uri", sprintf("Function image %s is not pinned to a version or digest", [uri]), fix)
}
