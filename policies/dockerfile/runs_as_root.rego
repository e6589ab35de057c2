# METADATA
# title: Container does not run as root
# description: >-
#   A process running as root inside a container is root on the host's
#   kernel: a container escape or a writable host mount gives full control.
#   The final stage decides the image's user; without a USER instruction the
#   base image's user applies, which is root unless the base image sets
#   another (Docker's default). USER $NAME is judged by the ENV (or global
#   build argument) that sets NAME; on Windows, ContainerAdministrator is
#   the administrator and Nano Server's default ContainerUser is not.
# schemas:
#   - input: schema.dockerfile
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

# USER $NAME takes the value ENV (or an ARG bound to a global build
# argument) gives NAME earlier in the stage; an ARG default in the stage may
# be overridden at build time, so it stays undecided.
deny contains f if {
	user := _final.user
	containers.variable_user(user)
	resolved := _expanded_user(user)
	containers.root_user(resolved)
	f := {
		"resource": _final.resource,
		"path": ["stages", input.final_stage, "user"],
		"message": sprintf("The final stage runs as root (USER %s, which is %s)", [user, resolved]),
	}
}

_expanded_user(u) := concat("", [value, m[4]]) if {
	m := regex.find_all_string_submatch_n(`^\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))(:[^$]*)?$`, u, 1)[0]
	value := _binding(concat("", [m[2], m[3]]))
}

# The last USER of the final stage; a stage that inherits its USER from an
# earlier stage has none and is not expanded here.
_user_index := max({j | some j, ins in _final.instructions; ins.cmd == "user"})

# _binding is the value of name at the last USER: the latest ENV or ARG
# that sets it wins; an ARG with a default, or without a known global
# value, leaves it undecided (undefined).
_binding(name) := b.value if {
	js := {j |
		some j, ins in _final.instructions
		j < _user_index
		ins.cmd in {"env", "arg"}
		some p in ins.pairs
		p.key == name
	}
	k := max(js)
	b := _bound(_final.instructions[k], name)
	is_string(b.value)
}

_bound(ins, name) := {"value": v} if {
	ins.cmd == "env"
	vs := [p.value | some p in ins.pairs; p.key == name]
	v := vs[count(vs) - 1]
} else := {"value": input.args[name]} if {
	ins.cmd == "arg"
	some p in ins.pairs
	p.key == name
	p.value == null
} else := {}

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

# Windows Nano Server runs as ContainerUser, an unprivileged account,
# unless a USER says otherwise (Server Core runs as ContainerAdministrator).
_nonroot_base(from) if {
	not from.stage_ref
	from.registry == "mcr.microsoft.com"
	from.repository == "windows/nanoserver"
}
