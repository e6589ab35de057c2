# METADATA
# title: ECS task EFS volumes encrypt NFS traffic
# description: >-
#   An EFS volume of an ECS task definition is mounted over plain NFS unless
#   TransitEncryption is ENABLED (the default is DISABLED); file data and
#   metadata then cross the network in clear text. Each EFS volume is
#   reported at its own TransitEncryption.
# custom:
#   id: aws-ecs-task-efs-transit-encryption
#   severity: medium
#   theme: encryption
#   formats: [cloudformation, terraform, terraform-plan]
#   resource_types: ["AWS::ECS::TaskDefinition", "aws_ecs_task_definition"]
#   remediation: >-
#     Set Volumes[].EFSVolumeConfiguration.TransitEncryption
#     (volume.efs_volume_configuration.transit_encryption) to ENABLED.
package tollgate.aws.ecs_task_efs_transit_encryption

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

fix := {
	"cloudformation": "Set Volumes[].EFSVolumeConfiguration.TransitEncryption to ENABLED (and AuthorizationConfig.IAM to ENABLED to mount with the task role).",
	"terraform": "Set transit_encryption = \"ENABLED\" in each volume's efs_volume_configuration block (and authorization_config { iam = \"ENABLED\" } to mount with the task role).",
}

_paths := {
	"cloudformation": {"type": "AWS::ECS::TaskDefinition", "volumes": ["Volumes"], "efs": ["EFSVolumeConfiguration"], "transit": ["TransitEncryption"]},
	"terraform": {"type": "aws_ecs_task_definition", "volumes": ["volume"], "efs": ["efs_volume_configuration", 0], "transit": ["transit_encryption"]},
}

deny contains f if {
	spec := _paths[view.family]
	some v in view.by_type[spec.type]
	volumes := view.get(v.values, spec.volumes)
	is_array(volumes)
	some i, vol in volumes
	efs := view.get(vol, spec.efs)
	view.is_set(efs)
	not core.is_unknown(efs)
	x := view.get(efs, spec.transit)
	off(x)
	p := array.concat(array.concat(array.concat(spec.volumes, [i]), spec.efs), spec.transit)
	f := view.finding_at(v, p, sprintf("ECS task definition mounts EFS volume %s without encryption in transit (%s is not ENABLED)", [volume_name(vol), view.dotted(p)]), fix)
}

off(null)

off(x) if {
	is_string(x)
	upper(x) != "ENABLED"
}

volume_name(vol) := n if {
	n := object.get(vol, "Name", object.get(vol, "name", null))
	is_string(n)
} else := "(unnamed)"
