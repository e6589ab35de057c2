# METADATA
# title: EBS volumes are encrypted
# description: >-
#   aws_ebs_volume, and the volumes that aws_instance (root_block_device,
#   ebs_block_device), aws_launch_template (block_device_mappings[].ebs) and
#   aws_launch_configuration create, are unencrypted unless encrypted is true.
#   A mapping without an ebs block (instance store, no_device) is not
#   reported; one that only names a snapshot still needs encrypted. Root
#   volumes an instance takes from its AMI without a root_block_device block
#   cannot be seen and are not reported. When the configuration enables
#   aws_ebs_encryption_by_default for the same provider (region), every new
#   volume is encrypted and nothing is reported.
# custom:
#   id: aws-ebs-encryption
#   severity: high
#   theme: encryption
#   formats: [terraform, terraform-plan]
#   resource_types: ["aws_ebs_volume", "aws_instance", "aws_launch_template", "aws_launch_configuration"]
#   remediation: >-
#     Set encrypted = true on the aws_ebs_volume or on every root_block_device,
#     ebs_block_device and block_device_mappings.ebs block (optionally kms_key_id
#     to a customer-managed key), or enable aws_ebs_encryption_by_default.
package tollgate.terraform.ebs_encryption

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.tf
import data.tollgate.lib.tf_encryption

deny contains f if {
	some i, r in tf.resources("aws_ebs_volume")
	not tf_encryption.ebs_encrypted_by_default(r.provider)
	encryption.unset_or_false(tf.value(r, ["encrypted"], false))
	f := tf.finding(i, ["encrypted"], "EBS volume is not encrypted (encrypted is not true)")
}

# Instance and launch configuration block devices.
deny contains f if {
	some type in ["aws_instance", "aws_launch_configuration", "aws_spot_instance_request"]
	some i, r in tf.resources(type)
	not tf_encryption.ebs_encrypted_by_default(r.provider)
	some block in ["root_block_device", "ebs_block_device"]
	some j, d in known_objects(tf.value(r, [block], []))
	not core.is_true(object.get(d, "no_device", false))
	encryption.unset_or_false(object.get(d, "encrypted", false))
	f := tf.finding(i, [block, j, "encrypted"], sprintf("%s %s creates an unencrypted EBS volume (encrypted is not true)", [block, device_label(d)]))
}

deny contains f if {
	some i, r in tf.resources("aws_launch_template")
	not tf_encryption.ebs_encrypted_by_default(r.provider)
	some j, m in known_objects(tf.value(r, ["block_device_mappings"], []))
	some k, ebs in known_objects(object.get(m, "ebs", []))
	encryption.unset_or_false(object.get(ebs, "encrypted", false))
	f := tf.finding(i, ["block_device_mappings", j, "ebs", k, "encrypted"], sprintf("block device mapping %s creates an unencrypted EBS volume (ebs.encrypted is not true)", [device_label(m)]))
}

known_objects(xs) := {j: x |
	is_array(xs)
	some j, x in xs
	is_object(x)
	not core.is_unknown(x)
}

device_label(d) := d.device_name if is_string(object.get(d, "device_name", null))

device_label(d) := "(root)" if {
	not is_string(object.get(d, "device_name", null))
	not "device_name" in object.keys(d)
}

device_label(d) := "(unknown device)" if {
	"device_name" in object.keys(d)
	not is_string(d.device_name)
}
