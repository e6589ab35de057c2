# METADATA
# description: EC2 image ids (AMIs) as one view (see lib/view.rego).
package tollgate.lib.aws.ec2

import rego.v1

import data.tollgate.lib.core
import data.tollgate.lib.view

# image_ids are the AMI settings of instances, launch templates and
# configurations and spot requests, as {"resource": the resource (a view
# without settings), "image": the setting as a field, "label": how
# messages name it}.
image_ids contains {"resource": _resource(v), "image": view.field(v, p), "label": label} if {
	some type, p in _image_paths
	some v in view.by_type[type]
	label := _label(v.family, p)
}

image_ids contains {"resource": _resource(v), "image": view.field(v, p), "label": "ImageId"} if {
	some v in view.by_type["AWS::EC2::SpotFleet"]
	specs := view.get(v.values, ["SpotFleetRequestConfigData", "LaunchSpecifications"])
	is_array(specs)
	some i, _ in specs
	p := ["SpotFleetRequestConfigData", "LaunchSpecifications", i, "ImageId"]
}

image_ids contains {"resource": _resource(v), "image": view.field(v, ["launch_specification", j, "ami"]), "label": "launch_specification ami"} if {
	some v in view.by_type["aws_spot_fleet_request"]
	specs := view.get(v.values, ["launch_specification"])
	is_array(specs)
	some j, spec in specs
	is_object(spec)
}

_image_paths := {
	"AWS::EC2::Instance": ["ImageId"],
	"AWS::AutoScaling::LaunchConfiguration": ["ImageId"],
	"AWS::EC2::LaunchTemplate": ["LaunchTemplateData", "ImageId"],
	"aws_instance": ["ami"],
	"aws_spot_instance_request": ["ami"],
	"aws_launch_template": ["image_id"],
	"aws_launch_configuration": ["image_id"],
}

# CloudFormation messages say ImageId wherever it is; Terraform names the
# argument.
_label("cloudformation", _) := "ImageId"

_label("terraform", p) := p[count(p) - 1]

_resource(v) := object.remove(v, ["values", "fields", "paths"])

is_ami(v) if {
	is_string(v)
	regex.match(`^ami-[0-9a-fA-F]{8,17}$`, v)
}

# literal_amis returns the AMI ids a value is, including either branch of a
# CloudFormation condition that cannot be decided. A resolve:ssm: reference
# or any other unknown is none.
literal_amis(v) := {v} if is_ami(v)

else := {o |
	core.is_unknown(v)
	some o in v.options
	is_ami(o)
}

# ami_mapping returns the name of the mapping an unresolved Fn::FindInMap
# reads when that mapping hard-codes AMI ids. The region key cannot be
# resolved statically, but the mapping is in the template: if it holds AMI
# ids they are hard-coded whichever region deploys. (The scanner writes
# expr as: Fn::FindInMap ["RegionMap",{"Ref":"AWS::Region"},"AMI"].)
ami_mapping(v) := m if {
	core.is_unknown(v)
	is_string(v.expr)
	parts := regex.find_all_string_submatch_n(`^Fn::FindInMap \["([^"]+)"`, v.expr, 1)
	m := parts[0][1]
	_mapping_has_ami(m, v)
}

# With a literal second-level key, only that column counts; otherwise (key
# unknown, expr truncated) any AMI in the mapping does.
_mapping_has_ami(m, v) if {
	key := _second_level_key(v)
	some top in input.Mappings[m]
	is_ami(top[key])
}

_mapping_has_ami(m, v) if {
	not _second_level_key(v)
	walk(input.Mappings[m], [_, leaf])
	is_ami(leaf)
}

_second_level_key(v) := args[2] if {
	raw := trim_prefix(v.expr, "Fn::FindInMap ")
	json.is_valid(raw)
	args := json.unmarshal(raw)
	is_string(args[2])
}
