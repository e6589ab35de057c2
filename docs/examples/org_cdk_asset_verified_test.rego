package org.cdk_asset_verified_test

import rego.v1

import data.org.cdk_asset_verified

subject(status) := {
	"name": "cdk.out/asset.1",
	"kind": "directory",
	"sha256": "00",
	"annotations": {"cdk": {"type": "directory", "asset": "1", "display_name": "Fn/Code", "stack": "S", "status": status}},
}

test_unverified_asset_denied if {
	count(cdk_asset_verified.deny) == 1 with input as {"source": "scan", "subjects": [subject("unverifiable")]}
}

test_verified_asset_passes if {
	count(cdk_asset_verified.deny) == 0 with input as {"source": "scan", "subjects": [subject("verified")]}
}

test_assembly_documents_are_not_judged if {
	count(cdk_asset_verified.deny) == 0 with input as {"assembly": "cdk.out", "assets": []}
}
