# METADATA
# title: No world-writable directories without the sticky bit
# description: >-
#   In a directory every user can write to, any process can delete, rename
#   or replace the files of others unless the sticky bit is set (as on
#   /tmp, mode 1777): a compromised process running as one user can swap a
#   program or configuration another user, often root, later runs.
# schemas:
#   - input: schema.image
# custom:
#   id: container-world-writable-dir
#   severity: medium
#   theme: container-hardening
#   formats: [image]
#   resource_types: [image]
#   remediation: >-
#     Give the directory to the user that writes it and drop the world write
#     bit (RUN chown app:app /data && chmod 0755 /data), or set the sticky bit
#     when it is a shared scratch area (chmod 1777).
package tollgate.image.world_writable_dir

import rego.v1

deny contains f if {
	some i, file in input.files
	file.type == "dir"
	bits.and(file.mode, 2) != 0 # others may write
	bits.and(file.mode, 512) == 0 # no sticky bit (01000)
	f := {
		"resource": input.resource,
		"path": ["files", i, "mode"],
		"message": sprintf("Directory %s is world-writable without the sticky bit (mode %s): any user can replace the files in it", [file.path, sprintf("%04o", [file.mode])]),
	}
}
