package tollgate.cloudformation.ami_hardcoded_test

import rego.v1

import data.tollgate.cloudformation.ami_hardcoded as rule

res(type, props) := {"Resources": {"Web": {"Type": type, "Properties": props}}}

mappings := {"RegionMap": {
	"eu-west-1": {"AMI": "ami-0a8e758f5e873d1c1", "Size": "t3.small"},
	"us-east-1": {"AMI": "ami-0c101f26f147fa7fd", "Size": "t3.small"},
}}

region_lookup(col) := {"__unknown__": true, "expr": sprintf(`Fn::FindInMap ["RegionMap",{"Ref":"AWS::Region"},"%s"]`, [col])}

test_instance_literal if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "ImageId"],
		"message": "ImageId is the hard-coded AMI ami-0a8e758f5e873d1c1",
	}} with input as res("AWS::EC2::Instance", {"ImageId": "ami-0a8e758f5e873d1c1", "InstanceType": "t3.small"})
}

test_launch_template_and_configuration if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "LaunchTemplateData", "ImageId"],
		"message": "ImageId is the hard-coded AMI ami-12345678",
	}} with input as res("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"ImageId": "ami-12345678"}})
	count(rule.deny) == 1 with input as res("AWS::AutoScaling::LaunchConfiguration", {"ImageId": "ami-12345678"})
	count(rule.deny) == 1 with input as res("AWS::EC2::SpotFleet", {"SpotFleetRequestConfigData": {"LaunchSpecifications": [{"ImageId": {"__unknown__": true, "expr": "Ref Ami"}}, {"ImageId": "ami-12345678"}]}})
}

test_ssm_resolution if {
	# {{resolve:ssm:...}} stays a string; an SSM-typed parameter arrives unknown.
	count(rule.deny) == 0 with input as res("AWS::EC2::Instance", {"ImageId": "{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}"})
	count(rule.deny) == 0 with input as res("AWS::EC2::Instance", {"ImageId": {"__unknown__": true, "expr": "Ref LatestAmiId", "ref": "LatestAmiId"}})
	count(rule.deny) == 0 with input as res("AWS::EC2::LaunchTemplate", {"LaunchTemplateData": {"InstanceType": "t3.micro"}})
}

test_region_mapping if {
	rule.deny == {{
		"resource": "Web",
		"path": ["Resources", "Web", "Properties", "ImageId"],
		"message": "ImageId comes from mapping RegionMap, which hard-codes AMI ids",
		"related": [{"path": ["Mappings", "RegionMap"], "message": "mapping RegionMap with hard-coded AMI ids"}],
	}} with input as object.union(res("AWS::EC2::Instance", {"ImageId": region_lookup("AMI")}), {"Mappings": mappings})
}

test_region_mapping_other_column_or_truncated if {
	# A column without AMIs is not an AMI lookup.
	count(rule.deny) == 0 with input as object.union(res("AWS::EC2::Instance", {"ImageId": region_lookup("Size")}), {"Mappings": mappings})

	# A truncated expr keeps the mapping name; any AMI in the mapping counts.
	truncated := {"__unknown__": true, "expr": `Fn::FindInMap ["RegionMap",{"Fn::Select":[0,…`}
	count(rule.deny) == 1 with input as object.union(res("AWS::EC2::Instance", {"ImageId": truncated}), {"Mappings": mappings})
}

test_condition_branch if {
	count(rule.deny) == 1 with input as res("AWS::EC2::Instance", {"ImageId": {
		"__unknown__": true, "expr": "Fn::If [UseGolden, ...]",
		"options": ["{{resolve:ssm:/golden/ami}}", "ami-0a8e758f5e873d1c1"],
	}})
}
