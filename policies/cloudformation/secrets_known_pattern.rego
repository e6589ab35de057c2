# METADATA
# title: No known credential formats in templates
# description: >-
#   Searches every string of the template (Parameters, Mappings, Resources,
#   Outputs, Metadata) for credentials in formats issued by well-known
#   services, with the detector that checks every file (gitleaks' default
#   rules: AWS, GitHub, GitLab, Slack, Stripe, Google, npm, private keys,
#   JWTs and some 200 more; and database URLs with an inline password).
#   Placeholders and references are not reported. A match is a live credential until proven
#   otherwise. AWS documentation examples (AKIAIOSFODNN7EXAMPLE) are ignored.
#   A value that aws-secrets-hardcoded-property or
#   aws-secrets-environment-variable already reports is reported here too:
#   this rule identifies the issuer of the credential, which must be revoked
#   there, and suppressing one control must not hide the other.
# custom:
#   id: aws-secrets-known-pattern
#   severity: critical
#   theme: secrets
#   formats: [cloudformation]
#   remediation: >-
#     Revoke the credential at its issuer now (it is in the repository
#     history), store the replacement in Secrets Manager and read it with a
#     {{resolve:secretsmanager:<secret-id>:SecretString:<key>}} dynamic reference.
package tollgate.cloudformation.secrets_known_pattern

import rego.v1

import data.tollgate.lib.secrets

deny contains f if {
	some section, doc in input
	section != "tollgate"
	some m in secrets.find_patterns(doc)
	path := array.concat([section], m.path)
	f := secrets.with_secret(
		{
			"resource": resource(path),
			"path": path,
			"message": sprintf("%s found in the template", [secrets.label(m)]),
		},
		m.value,
	)
}

# resource names the resource, parameter, output or mapping holding the
# match; top-level values (Description, Metadata) are reported as the section.
resource(path) := path[1] if {
	count(path) > 2
	is_string(path[1])
} else := path[0]
