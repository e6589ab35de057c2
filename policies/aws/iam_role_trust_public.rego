# METADATA
# title: IAM roles cannot be assumed by any principal
# description: >-
#   A role trust policy statement with Effect Allow for Principal "*" or
#   {"AWS": "*"} (or NotPrincipal) lets any IAM principal of any AWS account
#   assume the role and act with its permissions. Reported per statement
#   of AWS::IAM::Role AssumeRolePolicyDocument and aws_iam_role
#   assume_role_policy when no condition narrows the callers to an account,
#   organisation or network (aws:PrincipalOrgID, aws:PrincipalAccount,
#   aws:PrincipalArn, aws:SourceVpce, aws:SourceIp... with a positive
#   operator). sts:ExternalId is not such a condition: it is not a secret.
#   Service and federated principals are not reported. Statements,
#   principals or conditions unknown until deployment are not reported.
# custom:
#   id: aws-iam-role-trust-public
#   severity: critical
#   theme: iam
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::IAM::Role", "aws_iam_role"]
#   remediation: >-
#     Trust the account, role or service principals that need the role
#     (arn:aws:iam::111122223333:root, a role ARN, a service principal)
#     instead of "*", or add a condition such as aws:PrincipalOrgID that
#     limits the callers to your organisation.
package tollgate.aws.iam_role_trust_public

import rego.v1

import data.tollgate.lib.aws.resource_policies as rp

deny contains f if {
	some d in rp.documents
	d.service == "sts"
	some p in rp.public_statements(d)
	f := rp.finding(d, p, rp.message(d.service, p.statement))
}
