# METADATA
# title: Image carries a verified signature
# description: >-
#   With require_signed_images set to a list of public keys, an image must
#   carry a cosign signature (cosign sign --key: the sha256-<hex>.sig tag
#   in its repository, or an OCI 1.1 referrer) that verifies with one of them and names the
#   image's digest. An image without one, with a signature no key verifies
#   or that names another digest, or that cannot be looked up in a
#   registry (a docker save tar, an archive that names no repository) was
#   not shown to come from the team holding the key, and is reported.
# schemas:
#   - input: schema.image
# custom:
#   id: container-image-signed
#   severity: high
#   theme: integrity
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Sign the pushed image by digest with the key the configuration names:
#     cosign sign --key cosign.key registry.example.com/app@sha256:<digest>,
#     and scan it from the registry with --image (or an OCI archive that
#     records io.containerd.image.name).
package tollgate.image.signed

import rego.v1

_messages := {
	"missing": "The image has no cosign signature (require_signed_images is set): %s",
	"invalid": "The image's signature does not verify (require_signed_images is set): %s",
	"unverifiable": "The image's signature cannot be checked (require_signed_images is set): %s",
}

deny contains f if {
	input.signature.required == true
	input.signature.status != "verified"
	f := {
		"resource": input.resource,
		"path": ["signature"],
		"message": sprintf(object.get(_messages, input.signature.status, "The image is not verified as signed (require_signed_images is set): %s"), [input.signature.reason]),
	}
}

# The base image the build pulled, when the image records it by digest,
# must be signed too: a signed application image on an unsigned base is
# not what the platform team built.
deny contains f if {
	input.signature.required == true
	sig := input.base.signature
	sig.status != "verified"
	f := {
		"resource": input.resource,
		"path": ["base"],
		"message": sprintf("The base image %s@%s is not verified as signed (require_signed_images is set): %s", [input.base.name, input.base.digest, sig.reason]),
	}
}
