# METADATA
# title: AMIs are not hard-coded
# description: >-
#   An AMI id written in the template (directly, as a parameter default, or in
#   a region-to-AMI mapping) stays on the same image forever: patched golden
#   AMIs from the image pipeline are never picked up and instances keep
#   launching with known vulnerabilities. Resolving the AMI from SSM Parameter
#   Store at deploy time, with a {{resolve:ssm:/path}} dynamic reference or a
#   parameter of type AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>, is not
#   reported.
# custom:
#   id: aws-ec2-ami-hardcoded
#   severity: medium
#   theme: base-image
#   formats: [cloudformation]
#   resource_types: ["AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::SpotFleet"]
#   remediation: >-
#     Set ImageId to {{resolve:ssm:/golden-ami/<name>/latest}} (or
#     /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64),
#     or to a Ref to a parameter of type
#     AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> that your image pipeline
#     updates.
package tollgate.cloudformation.ami_hardcoded

import rego.v1

import data.tollgate.lib.cfn
import data.tollgate.lib.core

deny contains f if {
	some name, r in cfn.resources_in(image_id_types)
	some path in image_id_paths(r)
	value := cfn.prop(r, path, null)
	some ami in literal_amis(value)
	f := cfn.finding(name, path, sprintf("ImageId is the hard-coded AMI %s", [ami]))
}

# A FindInMap keyed by the region cannot be resolved statically, but the
# mapping it reads is in the template: if it holds AMI ids they are
# hard-coded whichever region deploys.
deny contains f if {
	some name, r in cfn.resources_in(image_id_types)
	some path in image_id_paths(r)
	value := cfn.prop(r, path, null)
	map_name := find_in_map(value)
	mapping_has_ami(map_name, value)
	f := object.union(
		cfn.finding(name, path, sprintf("ImageId comes from mapping %s, which hard-codes AMI ids", [map_name])),
		{"related": [{"path": ["Mappings", map_name], "message": sprintf("mapping %s with hard-coded AMI ids", [map_name])}]},
	)
}

image_id_types := {"AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::LaunchTemplate", "AWS::EC2::SpotFleet"}

image_id_paths(r) := {["ImageId"]} if {
	r.Type in {"AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration"}
}

image_id_paths(r) := {["LaunchTemplateData", "ImageId"]} if r.Type == "AWS::EC2::LaunchTemplate"

image_id_paths(r) := {["SpotFleetRequestConfigData", "LaunchSpecifications", i, "ImageId"] |
	some i, _ in cfn.prop(r, ["SpotFleetRequestConfigData", "LaunchSpecifications"], [])
} if r.Type == "AWS::EC2::SpotFleet"

is_ami(v) if {
	is_string(v)
	regex.match(`^ami-[0-9a-fA-F]{8,17}$`, v)
}

# literal_amis returns the AMI ids a value is, including either branch of a
# condition that cannot be decided.
literal_amis(v) := {v} if is_ami(v)

else := {o |
	core.is_unknown(v)
	some o in v.options
	is_ami(o)
}

# find_in_map returns the mapping name of an unresolved Fn::FindInMap (the
# scanner writes expr as: Fn::FindInMap ["RegionMap",{"Ref":"AWS::Region"},"AMI"]).
find_in_map(v) := m if {
	core.is_unknown(v)
	is_string(v.expr)
	parts := regex.find_all_string_submatch_n(`^Fn::FindInMap \["([^"]+)"`, v.expr, 1)
	m := parts[0][1]
}

# With a literal second-level key, only that column counts; otherwise (key
# unknown, expr truncated) any AMI in the mapping does.
mapping_has_ami(m, v) if {
	key := second_level_key(v)
	some top in input.Mappings[m]
	is_ami(top[key])
}

mapping_has_ami(m, v) if {
	not second_level_key(v)
	walk(input.Mappings[m], [_, leaf])
	is_ami(leaf)
}

second_level_key(v) := args[2] if {
	raw := trim_prefix(v.expr, "Fn::FindInMap ")
	json.is_valid(raw)
	args := json.unmarshal(raw)
	is_string(args[2])
}
