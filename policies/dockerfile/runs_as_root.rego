# METADATA
# title: Container does not run as root
# description: >-
#   A process running as root inside a container is root on the host's
#   kernel: a container escape or a writable host mount gives full control.
#   The final stage decides the image's user; without a USER instruction the
#   base image's user applies, which is root unless the base image sets
#   another (Docker's default).
# custom:
#   id: container-runs-as-root
#   severity: medium
#   theme: container-hardening
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Create an unprivileged user and switch to it in the final stage
#     (RUN useradd --uid 10001 app, then USER 10001), or use a base image
#     that runs as non-root (gcr.io/distroless/static:nonroot) and state it
#     with USER nonroot.
package tollgate.dockerfile.runs_as_root

import rego.v1

import data.tollgate.lib.containers

_final := input.stages[input.final_stage]

deny contains f if {
	user := _final.user
	user != null
	not containers.variable_user(user)
	containers.root_user(user)
	f := {
		"resource": _final.resource,
		"path": ["stages", input.final_stage, "user"],
		"message": sprintf("The final stage runs as root (USER %s)", [user]),
	}
}

deny contains f if {
	_final.user == null
	not _nonroot_base(_final.from)
	f := {
		"resource": _final.resource,
		"path": ["stages", input.final_stage, "from", "image"],
		"message": "The final stage sets no USER, so the base image's user applies, which is root unless the base image sets another (Docker's default)",
	}
}

# Images published in a variant that runs as non-root say so in their tag
# (distroless :nonroot, :latest-nonroot, bitnami and chainguard rootless
# variants): the base image's user is then known not to be root.
_nonroot_base(from) if {
	not from.stage_ref
	regex.match(`(?i)(^|[-_.:/])(nonroot|non-root|rootless)($|[-_.:/])`, from.image)
}
