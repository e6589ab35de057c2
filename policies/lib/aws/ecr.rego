# METADATA
# description: ECR repositories as one view (see lib/view.rego).
package tollgate.lib.aws.ecr

import rego.v1

import data.tollgate.lib.view

repositories := view.resources({
	"cloudformation": {"type": "AWS::ECR::Repository", "fields": {
		"tag_mutability": ["ImageTagMutability"],
	}},
	"terraform": {"type": "aws_ecr_repository", "fields": {
		"tag_mutability": ["image_tag_mutability"],
	}},
})
