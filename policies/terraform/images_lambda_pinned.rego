# METADATA
# title: Lambda container images are pinned
# description: >-
#   A function image referenced by the tag latest, or by no tag, deploys
#   whatever the tag points to at apply time: the same configuration can
#   deploy different code, and a rollback does not roll back. Lambda resolves
#   the tag to a digest when the function is created or updated, so running
#   functions do not change silently (hence low severity).
# custom:
#   id: aws-lambda-image-pinned
#   severity: low
#   theme: base-image
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_lambda_function"]
#   remediation: >-
#     Set image_uri to an image digest, e.g.
#     123456789012.dkr.ecr.eu-west-1.amazonaws.com/fn@sha256:<digest>, or a
#     version tag in an IMMUTABLE ECR repository.
package tollgate.terraform.images_lambda_pinned

import rego.v1

import data.tollgate.lib.images
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_lambda_function")
	uri := tf.value(r, ["image_uri"], null)
	images.unpinned(uri)
	f := tf.finding(i, ["image_uri"], sprintf("Function image %s is not pinned to a version or digest", [uri]))
}
