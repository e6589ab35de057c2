# METADATA
# title: Remote ADD is verified by checksum
# description: >-
#   ADD <url> downloads whatever the server returns at build time. Without
#   --checksum, a compromised or changed download is built into the image
#   unnoticed.
# schemas:
#   - input: schema.dockerfile
# custom:
#   id: docker-add-remote-checksum
#   severity: medium
#   theme: integrity
#   formats: [dockerfile]
#   resource_types: [stage]
#   remediation: >-
#     Add the expected digest: ADD --checksum=sha256:<hex> https://example.com/tool.tar.gz /tmp/
#     (Dockerfile syntax 1.6 or later), or download in a RUN and check it with sha256sum -c.
package tollgate.dockerfile.add_remote_checksum

import rego.v1

deny contains f if {
	some i, st in input.stages
	some j, ins in st.instructions
	ins.cmd == "add"
	not _has_checksum(ins)
	some src in array.slice(ins.value, 0, count(ins.value) - 1)
	regex.match(`^(?i)https?://`, src)
	not _pinned_git(src)
	f := {
		"resource": st.resource,
		"path": ["stages", i, "instructions", j],
		"message": sprintf("ADD downloads %s without --checksum", [_redact_userinfo(src)]),
	}
}

_has_checksum(ins) if {
	some flag in ins.flags
	regex.match(`^--checksum=sha(256|384|512):[a-fA-F0-9]+$`, flag)
}

# A git URL pinned to a full commit id names immutable content.
_pinned_git(src) if regex.match(`\.git#[a-f0-9]{40}(:.*)?$`, src)

# Credentials in a URL (https://user:token@host) stay out of the message.
_redact_userinfo(src) := regex.replace(src, `://[^/@]*@`, "://***@")
