# METADATA
# description: ECR repositories as one view (see lib/view.rego).
package tollgate.lib.aws.ecr

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# repositories: name is the repository name (generated when missing).
repositories := view.resources({
	"cloudformation": {"type": "AWS::ECR::Repository", "fields": {
		"name": ["RepositoryName"],
		"tag_mutability": ["ImageTagMutability"],
		"scan_on_push": ["ImageScanningConfiguration", "ScanOnPush"],
	}},
	"terraform": {"type": "aws_ecr_repository", "fields": {
		"name": ["name"],
		"tag_mutability": ["image_tag_mutability"],
		"scan_on_push": ["image_scanning_configuration", 0, "scan_on_push"],
	}},
})

# registry_configs are the registry's scanning configurations.
registry_configs := view.resources({
	"cloudformation": {"type": "AWS::ECR::RegistryScanningConfiguration", "fields": {"scan_type": ["ScanType"], "rules": ["Rules"]}},
	"terraform": {"type": "aws_ecr_registry_scanning_configuration", "fields": {"scan_type": ["scan_type"], "rules": ["rule"]}},
})

# enhanced holds when the registry uses enhanced scanning: then ECR ignores
# each repository's scan-on-push setting and only registry rules scan.
enhanced if {
	some c in registry_configs
	t := view.value(c, "scan_type")
	is_string(t)
	upper(t) == "ENHANCED"
}

# scan_type_unknown holds when a scanning configuration's type cannot be
# known: it may be enhanced or basic, so neither kind of finding holds.
scan_type_unknown if {
	some c in registry_configs
	core.is_unknown(view.value(c, "scan_type"))
}

# registry_scans holds when a registry rule that scans (on push or
# continuously) matches repository name n: a literal name, or "" when it is
# generated or unknown (then only a catch-all filter is sure to match). An
# unknown rule list, rule, frequency or filter may cover the repository.
registry_scans(n) if {
	some c in registry_configs
	rules := view.value_or(c, "rules", [])
	some rule in rules
	_scans(c.family, rule)
	some pattern in _patterns(c.family, rule)
	_matches(pattern, n)
}

registry_scans(_) if {
	some c in registry_configs
	core.is_unknown(view.value(c, "rules"))
}

# repository_name is the literal name of r, or "".
repository_name(r) := n if {
	n := view.value(r, "name")
	is_string(n)
} else := ""

_keys := {
	"cloudformation": {"frequency": "ScanFrequency", "filters": "RepositoryFilters", "filter": "Filter"},
	"terraform": {"frequency": "scan_frequency", "filters": "repository_filter", "filter": "filter"},
}

_scans(_, rule) if core.is_unknown(rule)

_scans(family, rule) if core.is_unknown(rule[_keys[family].frequency])

_scans(family, rule) if {
	frequency := rule[_keys[family].frequency]
	is_string(frequency)
	upper(frequency) in {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}
}

# _patterns returns the repository filters of a rule. An unknown rule may
# hold any filter, and so may an unknown filter list in Terraform; in
# CloudFormation such a list holds no filter this view can read.
_patterns(family, rule) := ["*"] if core.is_unknown(rule)

else := [p | some filter in fs; p := _pattern(family, filter)] if {
	fs := object.get(rule, _keys[family].filters, [])
	is_array(fs)
} else := ["*"] if family == "terraform"

else := []

_pattern(family, filter) := filter if core.is_unknown(filter)

else := filter[_keys[family].filter]

_matches(pattern, _) if core.is_unknown(pattern)

_matches(pattern, n) if {
	is_string(pattern)
	n != ""
	glob.match(pattern, [], n)
}

_matches(pattern, _) if {
	is_string(pattern)
	trim(pattern, "*") == ""
}
