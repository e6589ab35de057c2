package tollgate.lib.aws.ecr_test

import rego.v1

import data.tollgate.lib.aws.ecr
import data.tollgate.lib.view

test_cloudformation if {
	r := ecr.repositories.R with input as {"tollgate": {"format": "cloudformation"}, "Resources": {"R": {"Type": "AWS::ECR::Repository", "Properties": {"ImageTagMutability": "IMMUTABLE"}}}}
	view.value(r, "tag_mutability") == "IMMUTABLE"
}

test_terraform if {
	r := ecr.repositories[0] with input as {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_ecr_repository.r", "mode": "managed", "type": "aws_ecr_repository", "values": {"image_tag_mutability": "MUTABLE"}}]}
	view.value(r, "tag_mutability") == "MUTABLE"
	r.fields.tag_mutability.path == ["resources", 0, "values", "image_tag_mutability"]
}
