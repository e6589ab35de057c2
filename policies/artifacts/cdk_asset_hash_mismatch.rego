# METADATA
# title: CDK assets match the hashes the cloud assembly records
# description: >-
#   cdk deploy publishes what cdk.out holds under the hash its asset manifests
#   (*.assets.json) record: a template, a file, a zipped folder or a Docker
#   build folder edited after cdk synth is deployed as if it were the
#   synthesized one, and the hash no longer says what it is. tollgate
#   recomputes each hash as aws-cdk-lib does: SHA-256 of a stack template,
#   of a nested stack template without whitespace, and CDK's source
#   fingerprint of file, folder and Docker image assets (paths, contents,
#   symbolic links as links, the follow and ignore modes, and for images the
#   build options that invalidate them). An asset whose hash cannot be
#   recomputed from the assembly (built by a command when published, bundled
#   with a hash of its source, an option tollgate does not know) is a
#   warning, never a pass. An app that sets assetHash, extraHash or the
#   @aws-cdk/core:assetHashSalt context opts out of source hashing, and its
#   assets are reported here: waive them by resource.
# schemas:
#   - input: schema.artifacts
# custom:
#   id: cdk-asset-hash-mismatch
#   severity: high
#   theme: integrity
#   formats: [artifacts]
#   remediation: >-
#     Re-run cdk synth and deploy its output; do not edit cdk.out. If the
#     change was meant, make it in the app's source and synthesize again.
package tollgate.artifacts.cdk_asset_hash_mismatch

import rego.v1

deny contains f if {
	some i, a in input.assets
	a.status == "mismatch"
	f := {
		"resource": a.resource,
		"path": ["assets", i],
		"message": sprintf("%s: %s asset %s (%s) changed after cdk synth: %s records %s, %s hashes to %s: %s", [
			a.stack, _kind[a.type], a.asset, a.display_name, _base(a.manifest), _short(a.recorded),
			_base(a.file), _computed(a.computed), a.reason,
		]),
	}
}

_kind := {
	"stack-template": "stack template",
	"nested-stack-template": "nested stack template",
	"file": "file",
	"directory": "folder",
	"docker-image": "Docker image",
}

_base(p) := b if {
	parts := split(p, "/")
	b := parts[count(parts) - 1]
}

_short(h) := substring(h, 0, 12) if count(h) > 12

_short(h) := h if count(h) <= 12

_computed(h) := _short(h) if h != ""

_computed(h) := "nothing" if h == ""
