# METADATA
# title: Base image does not use latest
# description: >-
#   FROM image:latest, or an image with no tag (which Docker pulls as
#   latest), builds on whatever was pushed last: builds are not
#   reproducible and a broken or compromised base lands silently. A digest
#   pin makes the tag irrelevant.
#   COPY --from and RUN --mount=…,from= images (also as ONBUILD triggers)
#   are judged the same way, each at its own line.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: docker-base-image-latest
#   severity: medium
#   theme: base-image
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Name an explicit version tag (FROM python:3.12-slim), ideally with a
#     digest (FROM python:3.12-slim@sha256:<digest>).
package tollgate.dockerfile.base_image_latest

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	some img in containers.external_images
	img.from.digest == ""
	img.from.tag_defaulted == true
	f := {
		"resource": img.resource,
		"path": img.path,
		"message": sprintf("%s %s has no tag, so Docker pulls latest", [img.label, img.from.raw]),
	}
}

deny contains f if {
	some img in containers.external_images
	img.from.digest == ""
	img.from.tag_defaulted == false
	img.from.tag == "latest"
	f := {
		"resource": img.resource,
		"path": img.path,
		"message": sprintf("%s %s uses the mutable latest tag", [img.label, img.from.image]),
	}
}

# An image whose reference uses a build argument without value cannot be
# judged: undecided (reported with unknown: block).
deny contains u if {
	some u in containers.undecided_images
}
