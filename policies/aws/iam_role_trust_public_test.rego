package tollgate.aws.iam_role_trust_public_test

import rego.v1

import data.tollgate.aws.iam_role_trust_public as rule

assume := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}

role(statement) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Deployer": {"Type": "AWS::IAM::Role", "Properties": {
	"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [statement]},
}}}}

test_cloudformation_anyone_can_assume if {
	rule.deny == {{
		"resource": "Deployer",
		"path": ["Resources", "Deployer", "Properties", "AssumeRolePolicyDocument", "Statement", 0],
		"message": "role trust policy statement allows everyone (Principal \"*\") sts:AssumeRole, with no condition that narrows the callers (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce ...)",
	}} with input as role(assume)
}

test_cloudformation_trusted_principals if {
	count(rule.deny) == 0 with input as role(object.union(assume, {"Principal": {"AWS": "arn:aws:iam::111122223333:root"}}))
	count(rule.deny) == 0 with input as role(object.union(object.remove(assume, ["Principal"]), {"Principal": {"Service": "lambda.amazonaws.com"}}))
	count(rule.deny) == 0 with input as role(object.union(assume, {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}))
	count(rule.deny) == 1 with input as role(object.union(assume, {"Condition": {"StringEquals": {"sts:ExternalId": "partner"}}}))
}

test_terraform_assume_role_policy if {
	inp := {"tollgate": {"format": "terraform"}, "resources": [{"address": "aws_iam_role.deployer", "mode": "managed", "type": "aws_iam_role", "values": {
		"assume_role_policy": json.marshal({"Statement": [object.union(assume, {"Principal": "*"})]}),
	}}]}
	rule.deny == {{
		"resource": "aws_iam_role.deployer",
		"path": ["resources", 0, "values", "assume_role_policy"],
		"message": "role trust policy statement allows everyone (Principal \"*\") sts:AssumeRole, with no condition that narrows the callers (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce ...)",
	}} with input as inp
}
