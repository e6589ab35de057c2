package tollgate.aws.ec2_public_ip_test

import rego.v1

import data.tollgate.aws.ec2_public_ip as rule

cfn(type, props) := {"tollgate": {"format": "cloudformation"}, "Resources": {"Web": {"Type": type, "Properties": props}}}

test_cloudformation_instance if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "NetworkInterfaces", 0, "AssociatePublicIpAddress"],
		"message": "AWS::EC2::Instance assigns a public IPv4 address at launch (NetworkInterfaces.AssociatePublicIpAddress is true)",
	}} with input as cfn("AWS::EC2::Instance", {"NetworkInterfaces": [{"DeviceIndex": "0", "AssociatePublicIpAddress": "true"}]})
}

test_cloudformation_launch_template_and_configuration if {
	[f] := [f | some f in rule.deny] with input as cfn("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"NetworkInterfaces": [{"AssociatePublicIpAddress": true}]}})
	f.path == ["Resources", "Web", "Properties", "LaunchTemplateData", "NetworkInterfaces", 0, "AssociatePublicIpAddress"]
	count(rule.deny) == 1 with input as cfn("AWS::AutoScaling::LaunchConfiguration", {"AssociatePublicIpAddress": true})
}

test_cloudformation_not_reported if {
	count(rule.deny) == 0 with input as cfn("AWS::EC2::Instance", {"NetworkInterfaces": [{"AssociatePublicIpAddress": false}]})
	count(rule.deny) == 0 with input as cfn("AWS::EC2::Instance", {"SubnetId": "subnet-1"})
	count(rule.deny) == 0 with input as cfn("AWS::EC2::Instance", {"NetworkInterfaces": [{"AssociatePublicIpAddress": {"__unknown__": true, "expr": "Ref Public"}}]})
}

test_terraform if {
	inp := {"tollgate": {"format": "terraform"}, "resources": [
		{"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "values": {"associate_public_ip_address": true}},
		{"address": "aws_launch_template.web", "mode": "managed", "type": "aws_launch_template", "values": {"network_interfaces": [{"associate_public_ip_address": "true"}]}},
		{"address": "aws_instance.app", "mode": "managed", "type": "aws_instance", "values": {"associate_public_ip_address": false}},
	]}
	rule.deny == {
		{
			"resource": "aws_instance.web",
			"path": ["resources", 0, "values", "associate_public_ip_address"],
			"message": "aws_instance assigns a public IPv4 address at launch (associate_public_ip_address is true)",
		},
		{
			"resource": "aws_launch_template.web",
			"path": ["resources", 1, "values", "network_interfaces", 0, "associate_public_ip_address"],
			"message": "aws_launch_template assigns a public IPv4 address at launch (network_interfaces.associate_public_ip_address is true)",
		},
	} with input as inp
}
