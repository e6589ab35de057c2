# METADATA
# title: No credentials in files
# description: >-
#   Every text file that no other scanner reads (.env, application settings,
#   Helm values, scripts, key files, documentation) is searched for
#   credentials with gitleaks' default rules (AWS, GitHub, GitLab, Slack,
#   Stripe, Google, private keys, JWTs, generic keyword-and-entropy API keys)
#   and tollgate's (database URLs with an inline password, AWS secret access
#   keys by name or next to a key id). The finding's resource is the
#   detector rule, so a waiver can name a family: resources: [generic-api-key].
#   Placeholders and references (${VAR}, ${{ secrets.X }}, {{resolve:...}},
#   <password>, changeme, your-api-key, AWS's documentation keys) are not
#   reported. In templates and samples (*.example, *.sample, *.tmpl,
#   *.template, *.dist) only service-issued formats are reported: generic
#   values there are stand-ins, a real GitHub or AWS key is not. With scan
#   --commits the lines each commit added are checked the same way, and the
#   message names the commit.
# schemas:
#   - input: schema.files
# custom:
#   id: secrets-file-credential
#   severity: critical
#   theme: secrets
#   formats: [files]
#   remediation: >-
#     Revoke the credential at its issuer now (it may already be in the
#     repository history), then read the replacement at run time from the
#     environment or a secret store (Secrets Manager, Vault, the CI's secret
#     variables) instead of writing it in the file.
package tollgate.files.secrets_credential

import rego.v1

deny contains f if {
	some i, m in input.matches
	not _template_stand_in(m)
	f := {
		"resource": m.id,
		"path": ["matches", i],
		"message": sprintf("%s (%s) in %s%s", [m.description, m.rule, input.file, _commit]),
		"secret": m.secret,
	}
}

# With scan --commits, the commit that added the line: it stays in the
# history even when a later commit removed it.
_commit := sprintf(", added by commit %s (%s)", [input.commit.short, input.commit.subject])

default _commit := ""

# Rules that recognise a credential by its surroundings (a name and an
# entropy bar) rather than by a format a service issues.
_generic := {"generic-api-key", "database-url-password", "aws-secret-access-key"}

_template_stand_in(m) if {
	input.template
	m.rule in _generic
}
