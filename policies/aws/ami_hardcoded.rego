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
#   formats: [cloudformation, terraform]
#   resource_types: ["AWS::AutoScaling::LaunchConfiguration", "AWS::EC2::Instance", "AWS::EC2::LaunchTemplate", "AWS::EC2::SpotFleet", "aws_instance", "aws_launch_configuration", "aws_launch_template", "aws_spot_fleet_request", "aws_spot_instance_request"]
#   remediation: >-
#     Set ImageId to {{resolve:ssm:/golden-ami/<name>/latest}} (or
#     /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64),
#     or to a Ref to a parameter of type
#     AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> that your image pipeline
#     updates.
package tollgate.aws.ami_hardcoded

import rego.v1

import data.tollgate.lib.aws.ec2
import data.tollgate.lib.view

# The remediation in each format's spelling.
fix := {
	"cloudformation": "Set ImageId to {{resolve:ssm:/golden-ami/<name>/latest}} (or /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64), or to a Ref to a parameter of type AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> that your image pipeline updates.",
	"terraform": "Have the image pipeline publish each golden AMI id to an SSM parameter and read it at plan time: data \"aws_ssm_parameter\" \"ami\" { name = \"/golden-ami/<name>/latest\" } (or /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64) with ami = data.aws_ssm_parameter.ami.value; or set a launch template's image_id = \"resolve:ssm:/golden-ami/<name>/latest\" so EC2 resolves it at launch.",
}

deny contains f if {
	some e in ec2.image_ids
	some ami in ec2.literal_amis(e.image.value)
	f := view.field_finding(e.resource, e.image, sprintf("%s is the hard-coded AMI %s", [e.label, ami]), fix)
}

deny contains f if {
	some e in ec2.image_ids
	m := ec2.ami_mapping(e.image.value)
	f := object.union(
		view.field_finding(e.resource, e.image, sprintf("ImageId comes from mapping %s, which hard-codes AMI ids", [m]), fix),
		{"related": [{"path": ["Mappings", m], "message": sprintf("mapping %s with hard-coded AMI ids", [m])}]},
	)
}
