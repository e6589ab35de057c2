# METADATA
# title: Attested CDK code assets are verified against the assembly
# description: >-
#   An example organisation rule (not built in; load it with --policy). In a
#   scan that writes an attestation (scan --attest), the run's subjects are
#   a document of format artifacts with source "scan". This rule requires
#   every file and folder asset of a cloud assembly the attestation covers
#   (Lambda code, S3 deployment sources) to have matched the hash its asset
#   manifest records: a bundled asset, whose hash CDK computed over the
#   source before bundling, is then not promoted on trust.
# schemas:
#   - input: schema.artifacts
# custom:
#   id: org-cdk-asset-verified
#   severity: high
#   theme: integrity
#   formats: [artifacts]
#   remediation: >-
#     Build the asset so that its hash is computable from the assembly
#     (no bundling in synth, or an assetHash you verify), or waive the
#     asset by resource with a reason.
package org.cdk_asset_verified

import rego.v1

deny contains f if {
	input.source == "scan"
	some i, s in input.subjects
	s.annotations.cdk.type in {"file", "directory"}
	s.annotations.cdk.status != "verified"
	f := {
		"resource": s.name,
		"path": ["subjects", i],
		"message": sprintf("CDK %s asset %s (%s) of stack %s is attested, but its content is %s against the hash the assembly records", [
			s.annotations.cdk.type, s.annotations.cdk.asset, s.annotations.cdk.display_name,
			s.annotations.cdk.stack, s.annotations.cdk.status,
		]),
	}
}
