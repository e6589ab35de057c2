package tollgate.aws.resource_policy_public_test

import rego.v1

import data.tollgate.aws.resource_policy_public as rule

cfn(resources) := {"tollgate": {"format": "cloudformation"}, "Resources": resources}

send := {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}

test_cloudformation_queue_policy if {
	rule.deny == {{
		"resource": "QueuePolicy",
		"path": ["Resources", "QueuePolicy", "Properties", "PolicyDocument", "Statement", 0],
		"message": "SQS queue policy statement allows everyone (Principal \"*\") sqs:SendMessage, with no condition that narrows the callers (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce ...)",
	}} with input as cfn({"QueuePolicy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"PolicyDocument": {"Statement": [send]}}}})
}

doc(a) := {"Statement": [object.union(send, {"Action": a})]}

test_cloudformation_every_service if {
	inp := cfn({
		"Topic": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"PolicyDocument": doc("sns:Publish")}},
		"Repo": {"Type": "AWS::ECR::Repository", "Properties": {"RepositoryPolicyText": doc(["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])}},
		"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": doc("kms:Decrypt")}},
		"Secret": {"Type": "AWS::SecretsManager::ResourcePolicy", "Properties": {"ResourcePolicy": json.marshal(doc("secretsmanager:GetSecretValue"))}},
		"Vault": {"Type": "AWS::Glacier::Vault", "Properties": {"AccessPolicy": doc("glacier:InitiateJob")}},
		"Bucket": {"Type": "AWS::S3::BucketPolicy", "Properties": {"PolicyDocument": doc("s3:GetObject")}},
	})
	{f.resource | some f in rule.deny} == {"Topic", "Repo", "Key", "Secret", "Vault"} with input as inp
	some f in rule.deny with input as inp
	f.resource == "Secret"
	f.path == ["Resources", "Secret", "Properties", "ResourcePolicy", "Statement", 0]
}

test_cloudformation_narrowed_statements if {
	sns := object.union(send, {"Principal": {"Service": "s3.amazonaws.com"}})
	key := object.union(send, {"Action": "kms:Decrypt", "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "sqs.eu-west-1.amazonaws.com"}}})
	events := object.union(send, {"Condition": {"ArnEquals": {"aws:SourceArn": {"__unknown__": true, "expr": "Fn::GetAtt Rule.Arn"}}}})
	count(rule.deny) == 0 with input as cfn({
		"A": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"PolicyDocument": {"Statement": [sns, events]}}},
		"B": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": [key]}}},
	})
}

tf(resources) := {"tollgate": {"format": "terraform"}, "resources": resources}

test_terraform_topic_policy if {
	inp := tf([{"address": "aws_sns_topic_policy.alerts", "mode": "managed", "type": "aws_sns_topic_policy", "values": {
		"arn": {"__unknown__": true, "expr": "aws_sns_topic.alerts.arn", "ref": "aws_sns_topic.alerts"},
		"policy": json.marshal({"Statement": [object.union(send, {"Sid": "Anyone", "Action": ["sns:Publish", "sns:Subscribe"]})]}),
	}}])
	rule.deny == {{
		"resource": "aws_sns_topic_policy.alerts",
		"path": ["resources", 0, "values", "policy"],
		"message": "SNS topic policy statement \"Anyone\" allows everyone (Principal \"*\") sns:Publish, sns:Subscribe, with no condition that narrows the callers (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce ...)",
	}} with input as inp
}

test_terraform_unknown_policy_is_not_reported if {
	count(rule.deny) == 0 with input as tf([{"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "values": {"policy": {"__unknown__": true, "expr": "var.key_policy"}}}])
}

test_terraform_policy_document_statement_is_related if {
	doc := {"address": "data.aws_iam_policy_document.secret", "mode": "data", "type": "aws_iam_policy_document", "values": {"statement": [
		{"actions": ["secretsmanager:GetSecretValue"], "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::111122223333:role/orders"]}]},
		{"actions": ["secretsmanager:GetSecretValue"], "principals": [{"type": "*", "identifiers": ["*"]}]},
	]}}
	p := {"address": "aws_secretsmanager_secret_policy.db", "mode": "managed", "type": "aws_secretsmanager_secret_policy", "values": {
		"secret_arn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf",
		"policy": {"__unknown__": true, "expr": "data.aws_iam_policy_document.secret.json", "ref": "data.aws_iam_policy_document.secret", "attribute": "json"},
	}}
	rule.deny == {{
		"resource": "aws_secretsmanager_secret_policy.db",
		"path": ["resources", 0, "values", "policy"],
		"message": "Secrets Manager resource policy statement allows everyone (Principal \"*\") secretsmanager:GetSecretValue, with no condition that narrows the callers (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce ...)",
		"related": [{"path": ["resources", 1, "values", "statement", 1], "message": "statement granting to everyone"}],
	}} with input as tf([p, doc])
}
