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
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ECR::RegistryScanningConfiguration", "AWS::ECR::Repository", "aws_ecr_registry_scanning_configuration", "aws_ecr_repository"]
#   remediation: >-
#     Set ImageScanningConfiguration.ScanOnPush to true on the repository, or
#     (preferably) configure AWS::ECR::RegistryScanningConfiguration with
#     ScanType ENHANCED and a rule with ScanFrequency CONTINUOUS_SCAN and a
#     WILDCARD repository filter that matches the repository.
package tollgate.aws.ecr_scan_on_push

import rego.v1

import data.tollgate.lib.aws.ecr
import data.tollgate.lib.core
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set ImageScanningConfiguration.ScanOnPush to true on the repository, or (preferably) configure AWS::ECR::RegistryScanningConfiguration with ScanType ENHANCED and a rule with ScanFrequency CONTINUOUS_SCAN and a WILDCARD repository filter that matches the repository.",
	"terraform": "Add image_scanning_configuration { scan_on_push = true } to the repository, or (preferably) an aws_ecr_registry_scanning_configuration with scan_type = \"ENHANCED\" and a rule with scan_frequency = \"CONTINUOUS_SCAN\" and a WILDCARD repository_filter matching the repository.",
}

deny contains f if {
	some r in ecr.repositories
	not ecr.enhanced
	not ecr.scan_type_unknown
	not ecr.registry_scans(ecr.repository_name(r))
	scan := view.value_or(r, "scan_on_push", false)
	not core.is_unknown(scan)
	not core.is_true(scan)
	f := view.finding(r, "scan_on_push", sprintf("ECR repository does not scan images on push (%s is not true)", [view.spelled(r, "scan_on_push")]), fix)
}

deny contains f if {
	some r in ecr.repositories
	ecr.enhanced
	not ecr.registry_scans(ecr.repository_name(r))
	f := view.resource_finding(r, "ECR enhanced scanning is on but no registry scanning rule matches this repository, so its images are not scanned", fix)
}
