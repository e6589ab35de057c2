# METADATA
# title: ECR images are scanned on push
# description: >-
#   Images that are not scanned when pushed reach deployments with unknown
#   vulnerabilities. An aws_ecr_registry_scanning_configuration in the same
#   configuration whose rules scan on push or continuously and whose
#   repository filters match the repository name satisfies the control.
#   With enhanced scanning ECR ignores the repository's own scan_on_push, so
#   then only the registry rules count.
# custom:
#   id: aws-ecr-scan-on-push
#   severity: medium
#   theme: integrity
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_ecr_repository", "aws_ecr_registry_scanning_configuration"]
#   remediation: >-
#     Add image_scanning_configuration { scan_on_push = true } to the
#     repository, or (preferably) an aws_ecr_registry_scanning_configuration
#     with scan_type = "ENHANCED" and a rule with scan_frequency =
#     "CONTINUOUS_SCAN" and a WILDCARD repository_filter matching the
#     repository.
package tollgate.terraform.ecr_scan_on_push

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf

deny contains f if {
	some i, r in tf.resources("aws_ecr_repository")
	not enhanced
	not registry_scans(repository_name(r))
	scan := scan_on_push(r)
	not core.is_unknown(scan)
	not core.is_true(scan)
	f := tf.finding(i, ["image_scanning_configuration", 0, "scan_on_push"], "ECR repository does not scan images on push (image_scanning_configuration.scan_on_push is not true)")
}

deny contains f if {
	some i, r in tf.resources("aws_ecr_repository")
	enhanced
	not registry_scans(repository_name(r))
	f := tf.resource_finding(i, "ECR enhanced scanning is on but no registry scanning rule matches this repository, so its images are not scanned")
}

# scan_on_push is the repository's setting; a block or a dynamic block
# that cannot be evaluated is unknown.
scan_on_push(r) := v if {
	v := tf.value(r, ["image_scanning_configuration"], [])
	core.is_unknown(v)
} else := v if {
	v := tf.block(r, "image_scanning_configuration")
	core.is_unknown(v)
} else := v if {
	v := object.get(tf.block(r, "image_scanning_configuration"), "scan_on_push", false)
	v != null
} else := false

registry_configs := tf.resources("aws_ecr_registry_scanning_configuration")

enhanced if {
	some c in registry_configs
	upper(tf.value(c, ["scan_type"], "")) == "ENHANCED"
}

# repository_name is the literal name, or "" when it is not known
# statically: then only a "*" filter is sure to match.
repository_name(r) := n if {
	n := tf.value(r, ["name"], "")
	is_string(n)
} else := ""

registry_scans(name) if {
	some c in registry_configs
	some rule in rules(c)
	scans(rule)
	some filter in filters(rule)
	matches(filter, name)
}

# Unknown rule lists, rules or filters may cover the repository: never
# report them.
registry_scans(_) if {
	some c in registry_configs
	core.is_unknown(rules(c))
}

rules(c) := tf.value(c, ["rule"], [])

scans(rule) if core.is_unknown(rule)

scans(rule) if core.is_unknown(rule.scan_frequency)

scans(rule) if upper(rule.scan_frequency) in {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}

filters(rule) := [{"filter": "*"}] if core.is_unknown(rule)

else := f if {
	f := object.get(rule, "repository_filter", [])
	is_array(f)
} else := [{"filter": "*"}]

matches(filter, _) if core.is_unknown(filter)

matches(filter, _) if core.is_unknown(filter.filter)

matches(filter, name) if {
	is_string(filter.filter)
	name != ""
	glob.match(filter.filter, [], name)
}

matches(filter, _) if {
	is_string(filter.filter)
	trim(filter.filter, "*") == ""
}
