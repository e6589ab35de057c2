package tollgate.terraform.residency_region_allowed_test

import rego.v1

import data.tollgate.terraform.residency_region_allowed as rule

provider(address, values) := {"name": "aws", "alias": "", "address": address, "module": "", "values": values}

doc := {
	"providers": [
		provider("provider.aws", {"region": "eu-central-1"}),
		provider("provider.aws.us", {"region": "us-east-1"}),
		provider("provider.aws.env", {}),
		provider("provider.aws.var", {"region": {"__unknown__": true, "expr": "var.region"}}),
	],
	"resources": [
		{"address": "aws_s3_bucket.logs", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "logs", "region": "ap-southeast-2"}},
		{"address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "data", "region": "EU-WEST-1"}},
		{"address": "aws_s3_bucket.plan", "mode": "managed", "type": "aws_s3_bucket", "values": {"bucket": "plan", "region": {"__unknown__": true, "expr": "region"}}},
		{"address": "data.aws_ami.x", "mode": "data", "type": "aws_ami", "values": {"region": "us-west-2"}},
	],
}

test_outside_allowed_regions if {
	got := rule.deny with input as doc with data.tollgate.config as {"allowed_regions": ["eu-central-1", "eu-west-1"]}
	got == {
		{
			"resource": "provider.aws.us",
			"path": ["providers", 1, "values", "region"],
			"message": "AWS provider provider.aws.us uses region us-east-1, which is not in allowed_regions",
		},
		{
			"resource": "aws_s3_bucket.logs",
			"path": ["resources", 0, "values", "region"],
			"message": "aws_s3_bucket.logs is placed in region ap-southeast-2, which is not in allowed_regions",
		},
	}
}

test_glob_patterns if {
	got := rule.deny with input as doc with data.tollgate.config as {"allowed_regions": ["eu-*"]}
	{f.resource | some f in got} == {"provider.aws.us", "aws_s3_bucket.logs"}
}

test_no_allow_list_no_findings if {
	got := rule.deny with input as doc with data.tollgate.config as {"allowed_regions": []}
	got == set()
	got2 := rule.deny with input as doc with data.tollgate.config as {}
	got2 == set()
	got3 := rule.deny with input as doc
	got3 == set()
}
