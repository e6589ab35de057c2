# METADATA
# title: ECR image tags are immutable
# description: >-
#   In a repository with mutable tags anyone who can push can move a tag
#   (app:1.4.2, prod) to a different image, so deployments by tag can run
#   code that was never reviewed or scanned. image_tag_mutability defaults
#   to MUTABLE.
# custom:
#   id: aws-ecr-image-tag-immutable
#   severity: medium
#   theme: integrity
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_ecr_repository"]
#   remediation: >-
#     Set image_tag_mutability = "IMMUTABLE" (or "IMMUTABLE_WITH_EXCLUSION"
#     with image_tag_mutability_exclusion_filter blocks for tags such as
#     latest that must move).
package tollgate.terraform.ecr_image_tag_immutable

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_ecr_repository")
	mutability := tf.value(r, ["image_tag_mutability"], "MUTABLE")
	not core.is_unknown(mutability)
	not upper(mutability) in {"IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"}
	f := tf.finding(i, ["image_tag_mutability"], "ECR repository allows image tags to be overwritten (image_tag_mutability is not IMMUTABLE)")
}
