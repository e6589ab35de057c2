# METADATA
# title: EBS volumes are encrypted
# description: >-
#   EBS volumes, and the volumes that instances, launch templates and launch
#   configurations create from block device mappings, are unencrypted unless
#   Encrypted is true (the account-wide "encryption by default" setting is not
#   visible in a template, so the template must say it). A mapping for an
#   instance store (VirtualName) or one that suppresses a device (NoDevice) has
#   no Ebs and is not reported; a mapping that only names a snapshot still
#   needs Encrypted, because an unencrypted snapshot yields an unencrypted volume.
#   Root volumes an instance takes from its AMI without any mapping cannot be
#   seen statically and are not reported.
# custom:
#   id: aws-ebs-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation]
#   resource_types: ["AWS::EC2::Volume", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration"]
#   remediation: >-
#     Set Encrypted to true on the AWS::EC2::Volume or on every
#     BlockDeviceMappings[].Ebs (optionally with KmsKeyId set to a customer-managed key).
package tollgate.cloudformation.ebs_encryption

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core
import data.tollgate.lib.encryption

# Where each resource type keeps its block device mappings.
mapping_paths := {
	"AWS::EC2::Instance": ["BlockDeviceMappings"],
	"AWS::AutoScaling::LaunchConfiguration": ["BlockDeviceMappings"],
	"AWS::EC2::LaunchTemplate": ["LaunchTemplateData", "BlockDeviceMappings"],
}

deny contains f if {
	some name, r in cfn.resources("AWS::EC2::Volume")
	encryption.unset_or_false(encryption.prop(r, ["Encrypted"], false))
	f := cfn.finding(name, ["Encrypted"], "EBS volume is not encrypted (Encrypted is not true)")
}

deny contains f if {
	some name, r in cfn.resources_in(object.keys(mapping_paths))
	base := mapping_paths[r.Type]
	mappings := encryption.prop(r, base, [])
	is_array(mappings)
	some i, m in mappings
	is_object(m)
	ebs := m.Ebs
	is_object(ebs)
	not core.is_unknown(ebs)
	encryption.unset_or_false(object.get(ebs, "Encrypted", false))
	device := object.get(m, "DeviceName", sprintf("#%d", [i]))
	f := cfn.finding(name, array.concat(base, [i, "Ebs", "Encrypted"]), sprintf("block device mapping %s creates an unencrypted EBS volume (Ebs.Encrypted is not true)", [device_label(device)]))
}

device_label(d) := d if is_string(d)

device_label(d) := "(unknown device)" if not is_string(d)
