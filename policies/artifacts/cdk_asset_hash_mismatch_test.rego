package tollgate.artifacts.cdk_asset_hash_mismatch_test

import rego.v1

import data.tollgate.artifacts.cdk_asset_hash_mismatch

_asset(status) := {
	"resource": "ComputeStack/27b60484abeb39d4539429066eea9c8898e01401730c3b69f66824b287621daa",
	"stack": "ComputeStack",
	"asset": "27b60484abeb39d4539429066eea9c8898e01401730c3b69f66824b287621daa",
	"display_name": "ApiHandler/Code",
	"type": "directory",
	"file": "cdk.out/asset.27b60484abeb39d4539429066eea9c8898e01401730c3b69f66824b287621daa",
	"manifest": "cdk.out/ComputeStack.assets.json",
	"recorded": "27b60484abeb39d4539429066eea9c8898e01401730c3b69f66824b287621daa",
	"computed": "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
	"status": status,
	"reason": "the content does not hash to the recorded id under any option set CDK offers",
}

test_mismatch_is_reported if {
	fs := cdk_asset_hash_mismatch.deny with input as {"assets": [_asset("verified"), _asset("mismatch")]}
	count(fs) == 1
	some f in fs
	f.path == ["assets", 1]
	f.resource == "ComputeStack/27b60484abeb39d4539429066eea9c8898e01401730c3b69f66824b287621daa"
	contains(f.message, "ComputeStack: folder asset 27b60484abeb")
	contains(f.message, "ComputeStack.assets.json records 27b60484abeb")
	contains(f.message, "hashes to 0f1e2d3c4b5a")
}

test_verified_and_unverifiable_are_not_findings if {
	count(cdk_asset_hash_mismatch.deny) == 0 with input as {"assets": [_asset("verified"), _asset("unverifiable")]}
}

test_asset_that_is_not_there_hashes_to_nothing if {
	a := object.union(_asset("mismatch"), {"computed": "", "type": "stack-template", "reason": "the asset is a symbolic link"})
	some f in cdk_asset_hash_mismatch.deny with input as {"assets": [a]}
	contains(f.message, "stack template asset")
	contains(f.message, "hashes to nothing")
}

test_no_assets_no_findings if {
	count(cdk_asset_hash_mismatch.deny) == 0 with input as {"assets": []}
}
