# METADATA
# title: ECR image tags are immutable
# description: >-
#   In a repository with mutable tags anyone who can push can move a tag
#   (app:1.4.2, prod) to a different image, so deployments by tag can run
#   code that was never reviewed or scanned. Repositories are MUTABLE unless
#   configured otherwise.
# custom:
#   id: aws-ecr-image-tag-immutable
#   severity: medium
#   theme: integrity
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ECR::Repository", "aws_ecr_repository"]
#   remediation: >-
#     Set ImageTagMutability to IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION with
#     ImageTagMutabilityExclusionFilters for tags such as latest that must move).
package tollgate.aws.ecr_image_tag_immutable

import rego.v1

import data.tollgate.lib.aws.ecr
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set ImageTagMutability to IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION with ImageTagMutabilityExclusionFilters for tags such as latest that must move).",
	"terraform": "Set image_tag_mutability = \"IMMUTABLE\" (or \"IMMUTABLE_WITH_EXCLUSION\" with image_tag_mutability_exclusion_filter blocks for tags such as latest that must move).",
}

deny contains f if {
	some r in ecr.repositories
	mutability := view.value_or(r, "tag_mutability", "MUTABLE")
	not core.is_unknown(mutability)
	not upper(mutability) in {"IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"}
	f := view.finding(r, "tag_mutability", sprintf("ECR repository allows image tags to be overwritten (%s is not IMMUTABLE)", [view.spelled(r, "tag_mutability")]), fix)
}
