package tollgate.image.signed_test

import rego.v1

import data.tollgate.image.signed

_sig(status, reason) := {"required": true, "status": status, "key": null, "digest": "sha256:ab", "reason": reason}

test_missing if {
	signed.deny == {{
		"resource": "r.example/app:1",
		"path": ["signature"],
		"message": "The image has no cosign signature (require_signed_images is set): no cosign signature at r.example/app:sha256-ab.sig",
	}} with input as {"resource": "r.example/app:1", "signature": _sig("missing", "no cosign signature at r.example/app:sha256-ab.sig")}
}

test_invalid_and_unverifiable if {
	{f.message | some f in signed.deny} == {"The image's signature does not verify (require_signed_images is set): no signature verifies with the configured keys"} with input as {"resource": "a", "signature": _sig("invalid", "no signature verifies with the configured keys")}
	{f.message | some f in signed.deny} == {"The image's signature cannot be checked (require_signed_images is set): a docker save tar"} with input as {"resource": "a", "signature": _sig("unverifiable", "a docker save tar")}
}

test_unknown_status_fails_closed if {
	count(signed.deny) == 1 with input as {"resource": "a", "signature": _sig("revoked", "x")}
}

test_verified if {
	count(signed.deny) == 0 with input as {"resource": "a", "signature": {"required": true, "status": "verified", "key": "cosign.pub", "digest": "sha256:ab", "reason": ""}}
}

test_not_required if {
	count(signed.deny) == 0 with input as {"resource": "a", "signature": null}
	count(signed.deny) == 0 with input as {"resource": "a"}
}

test_base_image_signature if {
	unsigned_base := {
		"resource": "app:1", "signature": {"required": true, "status": "verified", "reason": ""},
		"base": {"name": "registry.example.com/golden/debian:12", "digest": "sha256:5f1a", "source": "annotation",
			"signature": {"required": true, "status": "missing", "reason": "no cosign signature"}},
	}
	{f.message | some f in signed.deny} == {"The base image registry.example.com/golden/debian:12@sha256:5f1a is not verified as signed (require_signed_images is set): no cosign signature"} with input as unsigned_base
	signed_base := json.patch(unsigned_base, [{"op": "replace", "path": "/base/signature/status", "value": "verified"}])
	count(signed.deny) == 0 with input as signed_base
	# A base that could not be resolved carries no signature: no requirement.
	count(signed.deny) == 0 with input as json.remove(unsigned_base, ["base/signature"])
}
