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
#   formats: [cloudformation]
#   resource_types: ["AWS::ECR::Repository"]
#   remediation: >-
#     Set ImageTagMutability to IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION with
#     ImageTagMutabilityExclusionFilters for tags such as latest that must move).
package tollgate.cloudformation.ecr_image_tag_immutable

import rego.v1

import data.tollgate.lib.cfn

deny contains f if {
	some name, r in cfn.resources("AWS::ECR::Repository")
	mutability := cfn.prop(r, "ImageTagMutability", "MUTABLE")
	not cfn.is_unknown(mutability)
	not upper(mutability) in {"IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"}
	f := cfn.finding(name, ["ImageTagMutability"], "ECR repository allows image tags to be overwritten (ImageTagMutability is not IMMUTABLE)")
}
