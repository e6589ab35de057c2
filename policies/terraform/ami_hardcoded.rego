# METADATA
# title: AMIs are not hard-coded
# description: >-
#   An AMI id written in the configuration (directly, as a variable default or
#   tfvars value, or in a local region-to-AMI map) stays on the same image
#   forever: patched golden AMIs from the image pipeline are never picked up
#   and instances keep launching with known vulnerabilities. The ami of
#   aws_instance and aws_spot_instance_request, the image_id of
#   aws_launch_template and aws_launch_configuration, and the ami of each
#   aws_spot_fleet_request launch_specification are checked. An AMI resolved
#   when Terraform runs (data.aws_ssm_parameter, data.aws_ami, a variable
#   without a value) or by EC2 at launch (resolve:ssm: in a launch template's
#   image_id) is not reported. Only Terraform configuration is checked, not
#   plans: a plan holds the AMI id its data sources resolved, so it cannot
#   tell a looked-up AMI from a hard-coded one.
# custom:
#   id: aws-ec2-ami-hardcoded
#   severity: medium
#   theme: base-image
#   formats: [terraform]
#   resource_types: ["aws_instance", "aws_spot_instance_request", "aws_launch_template", "aws_launch_configuration", "aws_spot_fleet_request"]
#   remediation: >-
#     Have the image pipeline publish each golden AMI id to an SSM parameter
#     and read it at plan time: data "aws_ssm_parameter" "ami" { name =
#     "/golden-ami/<name>/latest" } (or
#     /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64)
#     with ami = data.aws_ssm_parameter.ami.value; or set a launch template's
#     image_id = "resolve:ssm:/golden-ami/<name>/latest" so EC2 resolves it
#     at launch.
package tollgate.terraform.ami_hardcoded

import rego.v1

import data.tollgate.lib.tf

deny contains f if {
	some type, attr in image_attribute
	some i, r in tf.resources(type)
	ami := tf.value(r, [attr], null)
	is_ami(ami)
	f := tf.finding(i, [attr], sprintf("%s is the hard-coded AMI %s", [attr, ami]))
}

deny contains f if {
	some i, r in tf.resources("aws_spot_fleet_request")
	specs := tf.value(r, ["launch_specification"], [])
	is_array(specs)
	some j, spec in specs
	is_object(spec)
	ami := object.get(spec, "ami", null)
	is_ami(ami)
	f := tf.finding(i, ["launch_specification", j, "ami"], sprintf("launch_specification ami is the hard-coded AMI %s", [ami]))
}

image_attribute := {
	"aws_instance": "ami",
	"aws_spot_instance_request": "ami",
	"aws_launch_template": "image_id",
	"aws_launch_configuration": "image_id",
}

# An unknown marker is an object, and resolve:ssm: parameters do not match.
is_ami(v) if {
	is_string(v)
	regex.match(`^ami-[0-9a-fA-F]{8,17}$`, v)
}
