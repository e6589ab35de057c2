# METADATA
# title: No known credential formats in templates
# description: >-
#   Searches every evaluated string of the configuration (resource and data
#   source arguments, provider blocks, variable defaults, module call
#   arguments and the backend block) for credentials in formats issued by
#   well-known services, with the detector that checks every file
#   (gitleaks' default rules: AWS, GitHub, GitLab, Slack, Stripe, Google,
#   npm, private keys, JWTs and some 200 more; and database URLs with an
#   inline password). A match is a live credential until
#   proven otherwise. AWS documentation examples (AKIAIOSFODNN7EXAMPLE) are
#   ignored, and values from sensitive variables are never seen. A value
#   that another secrets rule reports is reported here too: this rule names
#   the issuer, where the credential must be revoked.
# custom:
#   id: aws-secrets-known-pattern
#   severity: critical
#   theme: secrets
#   formats: [terraform, terraform-plan]
#   remediation: >-
#     Revoke the credential at its issuer now (it is in the repository
#     history and the state), store the replacement in Secrets Manager and
#     read it at apply time (data.aws_secretsmanager_secret_version or a
#     sensitive variable).
package tollgate.terraform.secrets_known_pattern

import rego.v1

import data.tollgate.lib.secrets
import data.tollgate.lib.tf_integrity

deny contains f if {
	some i, r in input.resources
	tf_integrity.own_module(object.get(r, "module", ""))
	some f in findings(r.address, ["resources", i, "values"], r.values)
}

deny contains f if {
	some i, p in input.providers
	tf_integrity.own_module(object.get(p, "module", ""))
	some f in findings(p.address, ["providers", i, "values"], p.values)
}

deny contains f if {
	some i, v in input.variables
	v.has_default == true
	tf_integrity.own_module(v.module)
	some f in findings(v.address, ["variables", i, "default"], v["default"])
}

deny contains f if {
	some i, c in input.module_calls
	tf_integrity.own_module(c.module)
	some f in findings(c.address, ["module_calls", i, "values"], c.values)
}

deny contains f if {
	backend := input.terraform.backend
	some f in findings("terraform", ["terraform", "backend", "values"], backend.values)
}

# A scalar is walked as itself (empty path).
findings(resource, prefix, doc) := {f |
	some m in secrets.find_patterns(doc)
	f := secrets.with_secret(
		{
			"resource": resource,
			"path": array.concat(prefix, m.path),
			"message": sprintf("%s found in the configuration", [secrets.label(m)]),
		},
		m.value,
	)
}
