# METADATA
# title: RUN does not use sudo
# description: >-
#   Build steps already run as the current USER; sudo in a RUN means the
#   image ships sudo and a user allowed to become root with it, or a build
#   that only works as root, which keeps root-level tools in the image and
#   hides which steps need privilege. Heredocs, continuations and scripts
#   a RUN executes are read like the RUN; `apt-get install sudo` (sudo as a
#   package name) is not a use.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: docker-run-sudo
#   severity: info
#   theme: container-hardening
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Run the privileged steps before switching user (USER root ... USER app),
#     or use gosu/su-exec at runtime for a deliberate privilege drop, and do
#     not install sudo in the image.
package tollgate.dockerfile.run_sudo

import rego.v1

import data.tollgate.lib.containers

# sudo where a command starts: at the start of a line or after a command
# separator, then, do or else (continuations are joined in text, so a
# package list spread over lines does not look like a command).
_sudo := `(?m)(^|[;&|(]|\b(then|do|else)\b)\s*sudo(\s|$)`

deny contains f if {
	some c in containers.run_commands
	contains(c.text, "sudo") # most RUNs have none: skip the regular expressions
	regex.match(_sudo, containers.strip_comments(c.text))
	f := {
		"resource": c.resource,
		"path": _where(c),
		"message": _message(c),
	}
}

_message(c) := "RUN uses sudo" if c.script == ""

else := sprintf("RUN executes %s, which uses sudo", [c.script])

_where(c) := ps[0] if {
	ps := [l.path | some l in c.lines; regex.match(`(?m)(^(RUN\s+)?|[;&|(]|\b(then|do|else)\b)\s*sudo(\s|$)`, containers.strip_comments(l.text))]
	count(ps) > 0
} else := c.path
