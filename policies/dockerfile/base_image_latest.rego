# METADATA
# title: Base image does not use latest
# description: >-
#   FROM image:latest, or an image with no tag (which Docker pulls as
#   latest), builds on whatever was pushed last: builds are not
#   reproducible and a broken or compromised base lands silently. A digest
#   pin makes the tag irrelevant.
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
	some i, st in input.stages
	containers.external_from(st.from)
	st.from.digest == ""
	st.from.tag_defaulted == true
	f := {
		"resource": st.resource,
		"path": containers.from_path(i),
		"message": sprintf("Base image %s has no tag, so Docker pulls latest", [st.from.raw]),
	}
}

deny contains f if {
	some i, st in input.stages
	containers.external_from(st.from)
	st.from.digest == ""
	st.from.tag_defaulted == false
	st.from.tag == "latest"
	f := {
		"resource": st.resource,
		"path": containers.from_path(i),
		"message": sprintf("Base image %s uses the mutable latest tag", [st.from.image]),
	}
}
