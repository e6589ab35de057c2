# METADATA
# title: Base image does not use latest
# description: >-
#   The image twin of the Dockerfile rule: the base recorded in the
#   org.opencontainers.image.base.name annotation (BuildKit writes the FROM
#   reference there) is tagged latest or has no tag. The
#   org.opencontainers.image.base.digest annotation only records what latest
#   was at build time; a base name with @sha256: was pinned and passes.
# schemas:
#   - input: schema.image
# custom:
#   id: docker-base-image-latest
#   severity: medium
#   theme: base-image
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Name an explicit version tag (FROM python:3.12-slim), ideally with a
#     digest (FROM python:3.12-slim@sha256:<digest>).
package tollgate.image.base_image_latest

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	input.base.source == "annotation"
	# scratch is the empty image, not one that moves: FROM scratch has no
	# tag to pin (the Dockerfile rule leaves it out too).
	lower(input.base.name) != "scratch"
	ref := containers.parse_ref(input.base.name)
	ref.digest == ""
	problem := _problem(ref.tag)
	f := {
		"resource": input.resource,
		"path": ["base", "name"],
		"message": sprintf("Base image %s (from image annotations) %s", [input.base.name, problem]),
	}
}

_problem("") := "has no tag, so it was built on whatever latest was"

_problem("latest") := "uses the mutable latest tag"
