# METADATA
# title: ECR images are scanned on push
# description: >-
#   Images that are not scanned when pushed reach deployments with unknown
#   vulnerabilities. A registry scanning configuration
#   (AWS::ECR::RegistryScanningConfiguration) in the same template whose
#   rules scan on push or continuously and whose filters match the repository
#   name satisfies the control. With enhanced scanning the repository's own
#   ScanOnPush is ignored by ECR, so then only the registry rules count.
# custom:
#   id: aws-ecr-scan-on-push
#   severity: medium
#   theme: integrity
#   formats: [cloudformation]
#   resource_types: ["AWS::ECR::Repository", "AWS::ECR::RegistryScanningConfiguration"]
#   remediation: >-
#     Set ImageScanningConfiguration.ScanOnPush to true on the repository, or
#     (preferably) configure AWS::ECR::RegistryScanningConfiguration with
#     ScanType ENHANCED and a rule with ScanFrequency CONTINUOUS_SCAN and a
#     WILDCARD repository filter that matches the repository.
package tollgate.cloudformation.ecr_scan_on_push

import rego.v1

import data.tollgate.lib.cfn

deny contains f if {
	some name, r in cfn.resources("AWS::ECR::Repository")
	not enhanced
	not registry_scans(repository_name(r))
	scan := cfn.prop(r, ["ImageScanningConfiguration", "ScanOnPush"], false)
	not cfn.is_unknown(scan)
	not cfn.is_true(scan)
	f := cfn.finding(name, ["ImageScanningConfiguration", "ScanOnPush"], "ECR repository does not scan images on push (ImageScanningConfiguration.ScanOnPush is not true)")
}

deny contains f if {
	some name, r in cfn.resources("AWS::ECR::Repository")
	enhanced
	not registry_scans(repository_name(r))
	f := cfn.resource_finding(name, "ECR enhanced scanning is on but no registry scanning rule matches this repository, so its images are not scanned")
}

registry_configs := cfn.resources("AWS::ECR::RegistryScanningConfiguration")

enhanced if {
	some c in registry_configs
	upper(cfn.prop(c, "ScanType", "")) == "ENHANCED"
}

# repository_name is the literal name, or "" when CloudFormation generates it
# or it is not known statically: then only a "*" filter is sure to match.
repository_name(r) := n if {
	n := cfn.prop(r, "RepositoryName", "")
	is_string(n)
} else := ""

registry_scans(name) if {
	some c in registry_configs
	some rule in rules(c)
	scans(rule)
	some filter in filters(rule)
	matches(filter, name)
}

rules(c) := cfn.prop(c, "Rules", [])

# An unknown rule list, rule or filter is set to something that may cover the
# repository: never report it.
registry_scans(_) if {
	some c in registry_configs
	cfn.is_unknown(rules(c))
}

scans(rule) if upper(rule.ScanFrequency) in {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}

scans(rule) if cfn.is_unknown(rule)

scans(rule) if cfn.is_unknown(rule.ScanFrequency)

filters(rule) := [{"Filter": "*"}] if cfn.is_unknown(rule)

else := object.get(rule, "RepositoryFilters", [])

matches(filter, _) if cfn.is_unknown(filter)

matches(filter, _) if cfn.is_unknown(filter.Filter)

matches(filter, name) if {
	is_string(filter.Filter)
	name != ""
	glob.match(filter.Filter, [], name)
}

matches(filter, _) if {
	is_string(filter.Filter)
	trim(filter.Filter, "*") == ""
}
