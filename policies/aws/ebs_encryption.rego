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
#   seen statically and are not reported. With require_customer_managed_keys
#   on, an encrypted volume or mapping without KmsKeyId (or with an alias/aws/
#   key) uses the AWS-managed key aws/ebs and is reported too.
# custom:
#   id: aws-ebs-encryption
#   severity: high
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::EC2::Volume", "aws_ebs_volume", "aws_instance", "aws_launch_configuration", "aws_launch_template"]
#   remediation: >-
#     Set Encrypted to true on the AWS::EC2::Volume or on every
#     BlockDeviceMappings[].Ebs (optionally with KmsKeyId set to a customer-managed key).
package tollgate.aws.ebs_encryption

import rego.v1

import data.tollgate.lib.aws.ebs
import data.tollgate.lib.aws.kms
import data.tollgate.lib.core
import data.tollgate.lib.encryption
import data.tollgate.lib.undecided
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set Encrypted to true on the AWS::EC2::Volume or on every BlockDeviceMappings[].Ebs (optionally with KmsKeyId set to a customer-managed key).",
	"terraform": "Set encrypted = true on the aws_ebs_volume or on every root_block_device, ebs_block_device and block_device_mappings.ebs block (optionally kms_key_id to a customer-managed key), or enable aws_ebs_encryption_by_default.",
}

deny contains f if {
	some v in ebs.volumes
	encryption.unset_or_false(view.value_or(v, "encrypted", false))
	f := view.finding(v, "encrypted", sprintf("EBS volume is not encrypted (%s is not true)", [view.spelled(v, "encrypted")]), fix)
}

deny contains f if {
	some v in ebs.launchers
	some d in ebs.devices(v)
	encryption.unset_or_false(view.or_else(d.encrypted.value, false))
	f := view.field_finding(v, d.encrypted, sprintf("%s creates an unencrypted EBS volume (%s is not true)", [d.label, d.encrypted.name]), fix)
}

# The remediation under require_customer_managed_keys.
key_fix := {
	"cloudformation": "Set KmsKeyId to a customer-managed KMS key (for example !GetAtt VolumeKey.Arn) on the AWS::EC2::Volume or BlockDeviceMappings[].Ebs.",
	"terraform": "Set kms_key_id to a customer-managed KMS key (for example aws_kms_key.ebs.arn) on the aws_ebs_volume or block device.",
}

deny contains f if {
	some v in ebs.volumes
	core.is_true(view.value_or(v, "encrypted", false))
	f := kms.aws_key_finding(v, view.field(v, v.paths.kms_key), "EBS volume", "the AWS-managed key aws/ebs", key_fix)
}

deny contains f if {
	some v in ebs.launchers
	some d in ebs.devices(v)
	core.is_true(d.encrypted.value)
	f := kms.aws_key_finding(v, d.kms_key, sprintf("EBS volume from %s", [d.label]), "the AWS-managed key aws/ebs", key_fix)
}

# Undecided where encrypted is unknown (reported with unknown: block).
deny contains u if {
	undecided.asked
	some u in undecided.fields(ebs.volumes, ["encrypted"])
}

deny contains u if {
	some v in ebs.launchers
	some d in ebs.devices(v)
	u := undecided.of_field(v, d.encrypted)
}
