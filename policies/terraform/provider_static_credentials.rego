# METADATA
# title: AWS provider has no static credentials
# description: >-
#   access_key, secret_key and token written in an aws provider block (or in
#   a non-sensitive variable's default or tfvars value) are long-lived keys
#   in the repository, usable by anyone who reads it until revoked. The
#   provider's credential chain (environment, shared config profile, SSO,
#   instance or web-identity roles, assume_role) needs nothing in the code.
#   Values from sensitive variables are not reported.
# custom:
#   id: aws-provider-static-credentials
#   severity: critical
#   theme: secrets
#   formats: [terraform]
#   resource_types: ["provider.aws"]
#   remediation: >-
#     Remove access_key, secret_key and token from the provider block,
#     deactivate and delete the exposed access key in IAM, and let the
#     provider use the default credential chain (AWS_PROFILE, SSO, OIDC role
#     for CI via assume_role_with_web_identity).
package tollgate.terraform.provider_static_credentials

import rego.v1

import data.tollgate.lib.secrets
import data.tollgate.lib.tf_integrity

credential_arguments := {"access_key", "secret_key", "token"}

deny contains f if {
	some i, p in input.providers
	p.name == "aws"
	tf_integrity.own_module(object.get(p, "module", ""))
	some arg in credential_arguments
	some secret in secrets.plaintext_values(object.get(p.values, arg, null))
	f := secrets.with_secret(
		{
			"resource": p.address,
			"path": ["providers", i, "values", arg],
			"message": sprintf("AWS provider %s sets %s to a static credential", [p.address, arg]),
		},
		secret,
	)
}
