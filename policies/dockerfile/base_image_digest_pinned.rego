# METADATA
# title: Base image is pinned by digest
# description: >-
#   A tag can be moved to another image at any time; only a digest names
#   the exact image that was reviewed. Evaluated when require_digest_pinning
#   is true in the configuration.
#   COPY --from and RUN --mount=…,from= images (also as ONBUILD triggers)
#   are judged the same way, each at its own line.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: docker-base-image-digest-pinned
#   severity: medium
#   theme: base-image
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Append the digest to the FROM reference (FROM alpine:3.20@sha256:<digest>;
#     `docker buildx imagetools inspect alpine:3.20` prints it) and let a bot such as
#     Renovate keep it current.
package tollgate.dockerfile.base_image_digest_pinned

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	containers.require_digest_pinning
	some img in containers.external_images
	img.from.digest == ""
	f := {
		"resource": img.resource,
		"path": img.path,
		"message": sprintf("%s %s is not pinned by digest (require_digest_pinning is set)", [img.label, img.from.image]),
	}
}

# An image whose reference uses a build argument without value cannot be
# judged: undecided (reported with unknown: block).
deny contains u if {
	containers.require_digest_pinning
	some u in containers.undecided_images
}
