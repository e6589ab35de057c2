# METADATA
# title: No setuid or setgid programs outside the allowlist
# description: >-
#   A setuid or setgid program runs with its owner's or group's rights
#   whoever starts it, so each one is a way for a compromised process to
#   gain privileges. Base images ship a few the distribution needs (passwd,
#   su, mount and umount, chsh, chfn, chage, expiry, newgrp, gpasswd, wall,
#   write, unix_chkpwd, pam_timestamp_check, pam_extrausers_chkpwd under
#   /bin, /sbin, /usr/bin or /usr/sbin, and ssh-keysign under
#   /usr/lib/openssh or /usr/libexec/openssh); any other is reported.
#   image_setuid_allowlist adds paths or globs (`*` within one path
#   segment) to that list.
# schemas:
#   - input: schema.image
# custom:
#   id: container-setuid-files
#   severity: medium
#   theme: container-hardening
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Remove the bit in the Dockerfile (RUN chmod u-s,g-s /path, or find / -xdev
#     -perm /6000 -type f -exec chmod a-s {} + for all), or list the program
#     in image_setuid_allowlist in .tollgate.yaml when the image needs it.
package tollgate.image.setuid_files

import rego.v1

# Directories where distributions install their setuid programs (with
# merged /usr, /bin and /sbin are links to these).
_system_dirs := {"/bin", "/sbin", "/usr/bin", "/usr/sbin"}

# What Debian, Ubuntu, Alpine and UBI/RHEL base images ship setuid or
# setgid: password and login tools, mount, and PAM's password checkers.
_system_programs := {
	"passwd", "su", "mount", "umount", "chsh", "chfn", "chage", "expiry",
	"newgrp", "gpasswd", "wall", "write", "unix_chkpwd",
	"pam_timestamp_check", "pam_extrausers_chkpwd",
}

_default_paths := {"/usr/lib/openssh/ssh-keysign", "/usr/libexec/openssh/ssh-keysign"}

_allowed(p) if {
	parts := split(p, "/")
	_system_programs[parts[count(parts) - 1]]
	_system_dirs[concat("/", array.slice(parts, 0, count(parts) - 1))]
}

_allowed(p) if _default_paths[p]

_allowed(p) if {
	some pattern in data.tollgate.config.image_setuid_allowlist
	glob.match(pattern, ["/"], p)
}

deny contains f if {
	some i, file in input.files
	file.type != "dir"
	bits := [b | some b in ["setuid", "setgid"]; file[b] == true]
	count(bits) > 0
	not _allowed(file.path)
	f := {
		"resource": input.resource,
		"path": ["files", i, "mode"],
		"message": sprintf("%s is %s (mode %s, owner uid %d, group gid %d) and not in the setuid allowlist", [file.path, concat(" and ", bits), _octal(file.mode), file.uid, file.gid]),
	}
}

_octal(mode) := sprintf("%04o", [mode])
