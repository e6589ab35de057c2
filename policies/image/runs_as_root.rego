# METADATA
# title: Container does not run as root
# description: >-
#   An image whose config sets no user, root or uid 0 starts its processes as
#   root, which is root on the host's kernel: a container escape or a
#   writable host mount gives full control.
# schemas:
#   - input: schema.image
# custom:
#   id: container-runs-as-root
#   severity: medium
#   theme: container-hardening
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Set an unprivileged user in the image config: USER 10001 in the final
#     Dockerfile stage (after creating the user), or config.User in the build tool.
package tollgate.image.runs_as_root

import rego.v1

import data.tollgate.lib.containers

deny contains f if {
	user := object.get(input.config, "user", "")
	containers.root_user(user)
	f := {
		"resource": input.resource,
		"path": ["config", "user"],
		"message": _message(user),
	}
}

_message(user) := "The image config sets no user, so the container runs as root" if trim_space(user) == ""

else := sprintf("The image config runs the container as root (user %s)", [user])
