package tollgate.cloudformation.ecr_image_tag_immutable_test

import rego.v1

import data.tollgate.cloudformation.ecr_image_tag_immutable as rule

repo(props) := {"Resources": {"ApiRepo": {"Type": "AWS::ECR::Repository", "Properties": props}}}

test_default_is_mutable if {
	rule.deny == {{
		"resource": "ApiRepo",
		"path": ["Resources", "ApiRepo", "Properties", "ImageTagMutability"],
		"message": "ECR repository allows image tags to be overwritten (ImageTagMutability is not IMMUTABLE)",
	}} with input as repo({"RepositoryName": "orders/api"})
	count(rule.deny) == 1 with input as {"Resources": {"ApiRepo": {"Type": "AWS::ECR::Repository"}}}
}

test_mutable_values if {
	count(rule.deny) == 1 with input as repo({"ImageTagMutability": "MUTABLE"})
	count(rule.deny) == 1 with input as repo({"ImageTagMutability": "MUTABLE_WITH_EXCLUSION"})
}

test_immutable if {
	count(rule.deny) == 0 with input as repo({"ImageTagMutability": "IMMUTABLE"})
	count(rule.deny) == 0 with input as repo({
		"ImageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
		"ImageTagMutabilityExclusionFilters": [{"ImageTagMutabilityExclusionFilterType": "WILDCARD", "ImageTagMutabilityExclusionFilterValue": "latest"}],
	})
}

test_unknown if {
	count(rule.deny) == 0 with input as repo({"ImageTagMutability": {"__unknown__": true, "expr": "Ref Mutability"}})
}
