# METADATA
# description: >-
#   EBS volumes and the volumes instances and launch templates create, as
#   one view (see lib/view.rego).
package tollgate.lib.aws.ebs

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.tf_encryption
import data.tollgate.lib.view

# volumes are standalone volumes. In Terraform, a region whose provider
# turns on encryption by default encrypts every new volume, whatever the
# resource says: its resources are left out.
volumes := {k: v |
	some k, v in view.resources({
		"cloudformation": {"type": "AWS::EC2::Volume", "fields": {"encrypted": ["Encrypted"], "kms_key": ["KmsKeyId"]}},
		"terraform": {"type": "aws_ebs_volume", "fields": {"encrypted": ["encrypted"], "kms_key": ["kms_key_id"]}},
	})
	not _encrypted_by_default(v)
}

# launchers are the resources that create volumes from block device
# mappings; devices lists them.
launchers := {k: v |
	some k, v in view.resources({
		"cloudformation": {"type": ["AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::LaunchTemplate"]},
		"terraform": {"type": ["aws_instance", "aws_launch_configuration", "aws_spot_instance_request", "aws_launch_template"]},
	})
	not _encrypted_by_default(v)
}

_encrypted_by_default(v) if {
	v.family == "terraform"
	tf_encryption.ebs_encrypted_by_default(view.raw(v).provider)
}

# devices returns each EBS volume launcher v creates as its encryption
# switch and key (fields spelled relative to the mapping) and a label naming the
# device for messages.
devices(v) := {{"encrypted": _relative(v, array.concat(base, [i]), ["Ebs", "Encrypted"]), "kms_key": _relative(v, array.concat(base, [i]), ["Ebs", "KmsKeyId"]), "label": sprintf("block device mapping %s", [_cfn_device(m, i)])} |
	base := _cfn_mappings[v.type]
	ms := view.get(v.values, base)
	is_array(ms)
	some i, m in ms
	is_object(m)
	ebs := m.Ebs
	_known_object(ebs)
} if v.family == "cloudformation"

devices(v) := {{"encrypted": _relative(v, [block, j], ["encrypted"]), "kms_key": _relative(v, [block, j], ["kms_key_id"]), "label": sprintf("%s %s", [block, _tf_device(d)])} |
	some block in ["root_block_device", "ebs_block_device"]
	some j, d in _known_objects(view.get(v.values, [block]))
	not core.is_true(object.get(d, "no_device", false))
} if v.type in {"aws_instance", "aws_launch_configuration", "aws_spot_instance_request"}

devices(v) := {{"encrypted": _relative(v, ["block_device_mappings", j], ["ebs", k, "encrypted"]), "kms_key": _relative(v, ["block_device_mappings", j], ["ebs", k, "kms_key_id"]), "label": sprintf("block device mapping %s", [_tf_device(m)])} |
	some j, m in _known_objects(view.get(v.values, ["block_device_mappings"]))
	some k, _ in _known_objects(object.get(m, "ebs", []))
} if v.type == "aws_launch_template"

_cfn_mappings := {
	"AWS::EC2::Instance": ["BlockDeviceMappings"],
	"AWS::AutoScaling::LaunchConfiguration": ["BlockDeviceMappings"],
	"AWS::EC2::LaunchTemplate": ["LaunchTemplateData", "BlockDeviceMappings"],
}

# _relative is the field at prefix + p, spelled as p.
_relative(v, prefix, p) := object.union(view.field(v, array.concat(prefix, p)), {"name": view.dotted(p)})

_cfn_device(m, i) := d if {
	d := object.get(m, "DeviceName", sprintf("#%d", [i]))
	is_string(d)
} else := "(unknown device)"

_tf_device(d) := d.device_name if {
	is_string(object.get(d, "device_name", null))
} else := "(root)" if {
	not "device_name" in object.keys(d)
} else := "(unknown device)"

_known_objects(xs) := {j: x |
	is_array(xs)
	some j, x in xs
	_known_object(x)
}

_known_object(x) if {
	is_object(x)
	not core.is_unknown(x)
}
