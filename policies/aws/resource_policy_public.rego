# METADATA
# title: Queue, topic, repository, key, secret and vault policies do not grant to everyone
# description: >-
#   A resource policy statement with Effect Allow for Principal "*" (or
#   {"AWS": "*"}, or NotPrincipal) lets any AWS account, and for some
#   actions anyone at all, use the resource. Reported per statement of SQS
#   queue policies, SNS topic policies, ECR repository policies, KMS key
#   policies, Secrets Manager resource policies and Glacier vault access
#   policies, when no condition narrows the callers to an account,
#   organisation, network or source resource (aws:SourceArn,
#   aws:SourceAccount, aws:SourceOwner, aws:PrincipalOrgID,
#   aws:PrincipalAccount, aws:SourceVpce, aws:SourceIp, kms:CallerAccount...
#   with a positive operator; IfExists, ForAllValues and negated operators do
#   not narrow) and no Deny in the same policy refuses callers outside them
#   (a Deny for everyone with a negated condition on such a key, or a Deny
#   with NotPrincipal). S3 bucket policies are aws-s3-bucket-policy-public-read
#   and -write; Lambda permissions aws-lambda-permission-public; role trust
#   policies aws-iam-role-trust-public. Statements, principals or conditions
#   unknown until deployment are not reported.
# custom:
#   id: aws-resource-policy-public
#   severity: high
#   theme: public-access
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ECR::Repository", "AWS::Glacier::Vault", "AWS::KMS::Key", "AWS::SNS::TopicInlinePolicy", "AWS::SNS::TopicPolicy", "AWS::SQS::QueueInlinePolicy", "AWS::SQS::QueuePolicy", "AWS::SecretsManager::ResourcePolicy", "aws_ecr_repository_policy", "aws_glacier_vault", "aws_kms_key", "aws_secretsmanager_secret", "aws_secretsmanager_secret_policy", "aws_sns_topic", "aws_sns_topic_policy", "aws_sqs_queue", "aws_sqs_queue_policy"]
#   remediation: >-
#     Name the principals that need the resource (account, role or service
#     principals) instead of "*", or keep "*" and add a condition that
#     narrows the callers: aws:SourceArn / aws:SourceAccount for a service
#     that delivers to it, aws:PrincipalOrgID for your organisation,
#     kms:CallerAccount for a key used through an AWS service.
package tollgate.aws.resource_policy_public

import rego.v1

import data.tollgate.lib.aws.resource_policies as rp

services := {"sqs", "sns", "ecr", "kms", "secretsmanager", "glacier"}

deny contains f if {
	some d in rp.documents
	d.service in services
	some p in rp.public_statements(d)
	f := rp.finding(d, p, rp.message(d.service, p.statement))
}
